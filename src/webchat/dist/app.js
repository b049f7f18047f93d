/* Warden Control UI. Bundles Preact (MIT, preactjs.com) and htm (Apache-2.0). Sources: src/webchat/ui. */
var x,Pe,Ot,D,ce,te,Re,Z,Me,de,ue,Pt,B=Symbol.for("pv"),ne={},oe=[],Rt=/^m(i|n|o|s|text|space)$/,pe=Array.isArray,fe=oe.slice,j=Object.assign;function U(t){t&&t.parentNode&&t.remove()}function me(t,e,n){var o,r,s,c={},a=arguments.length;for(s in e)s=="key"?o=e[s]:s=="ref"&&typeof t!="function"?r=e[s]:c[s]=e[s];return a>2&&(c.children=a>3?fe.call(arguments,2):n),V(t,c,o,r,null)}function V(t,e,n,o,r){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:B,__v:r||++Pe,__i:-1,__u:0};return!r&&x.vnode&&x.vnode(s),s}function se(t){return t.children}function q(t,e){this.props=t,this.context=e,this.__g=0}function W(t,e){if(e==null)return t.__&&W(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:W(t)}function Mt(t){var e,n=t.__v,o=n.__e,r=[],s=[],c=t.__P;c&&((e=j({constructor:B},n)).__v=n.__v+1,x.vnode&&x.vnode(e),ge(c,e,n,t.__n,c.namespaceURI,32&n.__u?[o]:null,r,o||W(n),32&n.__u,s),e.__v=n.__v,e.__.__k[e.__i]=e,Fe(r,e,s),n.__=n.__e=null,e.__e!=o&&Ne(e))}function Ne(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),Ne(t)}function Ae(t){(8&t.__g||(t.__g|=8,D.push(t),te++))&&ce==x.debounceRendering||((ce=x.debounceRendering)||queueMicrotask)(Te)}function Te(){try{for(var t,e=1;D.length;)D.length>e&&D.sort(Re),t=D.shift(),e=D.length,8&t.__g&&Mt(t)}finally{(te=D.length)&&(ce||queueMicrotask)(Te)}}function Le(t,e,n,o,r,s,c,a,d,p,u){var g,_,l,f,m,v,h=o.__k||oe,b=e.length;for(d=Nt(n,e,h,d,b),g=0;g<b;g++)(l=n.__k[g])!=null&&(_=~l.__i&&h[l.__i]||ne,l.__i=g,v=ge(t,l,_,r,s,c,a,d,p,u),f=l.__e,(_.ref!=l.ref||8&_.__u)&&(_.ref&&_e(_.ref,null,l,_),l.ref&&u.push(l.ref,l.__c||f,l)),m=m||f,4&l.__u?(d=Ie(l,d,t,!_.__v),_.__e&&(_.__e=null)):typeof l.type=="function"&&v!==void 0?d=v:f&&(d=f.nextSibling),l.__u&=-21);return n.__e=m,d}function Nt(t,e,n,o,r){var s,c,a,d,p,u,g,_,l,f=n.length,m=f,v=0,h=0,b=t.__k=Array(r);for(s=0;s<r;s++)(c=e[s])!=null&&typeof c!="boolean"&&typeof c!="function"?(typeof c!="object"||c.constructor===String?c=b[s]=V(null,c):pe(c)?c=b[s]=V(se,{children:c}):c.constructor===B&&c.__b?c=b[s]=V(c.type,c.props,c.key,c.ref,c.__v):b[s]=c,d=s+v,c.__=t,c.__b=t.__b+1,a=null,~(p=c.__i=Tt(c,n,d,m))&&(m--,(a=n[p])&&(a.__u|=2)),a&&a.__v?(c.__u|=16,p==d-1?v--:p==d+1?v++:p!=d&&(p>d?v--:v++,h=1)):(~p||(r>f?v--:r<f&&v++),typeof c.type!="function"&&(c.__u|=4))):b[s]=null;if(h){for(u=[],g=[],s=0;s<r;s++)if((c=b[s])&&16&c.__u){for(v=0,_=u.length;v<_;)u[l=v+_>>1]<c.__i?v=l+1:_=l;u[v]=c.__i,g[s]=v+1}for(v=u.length;s--;)g[s]&&(g[s]==v?v--:b[s].__u|=4)}if(m)for(s=0;s<f;s++)!(a=n[s])||2&a.__u||(a.__e==o&&(o=W(a)),he(a,a));return o}function Ie(t,e,n,o){var r,s,c,a;if(typeof t.type=="function"){if(t.props.__P)return e;if(r=t.__k)for(s=0;s<r.length;s++)r[s]&&(r[s].__=t,e=Ie(r[s],e,n,!1));return e}for(e&&!e.parentNode&&(e=W(t))&&!e.parentNode&&(e=null),c=t.__e,a=e;a&&a.nodeType==8;)a=a.nextSibling;for(c!=a&&(!o&&n.moveBefore&&c.parentNode?n.moveBefore(c,e):n.insertBefore(c,e||null)),e=c;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function Tt(t,e,n,o){var r,s=t.key,c=t.type,a=e[n],d=a&&!(2&a.__u);if(a===null&&s==null||d&&s==a.key&&c==a.type)return n;if(o>(d?1:0)){for(r=n-1;r>=0;r--)if((a=e[r])&&!(2&a.__u)&&s==a.key&&c==a.type)return r;for(r=n+1;r<e.length;r++)if((a=e[r])&&!(2&a.__u)&&s==a.key&&c==a.type)return r}return-1}function Oe(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function Y(t,e,n,o,r){var s,c;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Oe(t.style,e);if(n)for(e in n)o&&n[e]==o[e]||Oe(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof o!="function"&&(o=null),(t.__e||(t.__e={}))[e]=n,n&&o||(c=ue[e]||(ue[e]=Lt(e)),(t.__a||(t.__a={}))[e]=de,s=e!=(e=e.replace(Me,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,c,s):t.removeEventListener(e,c,s));else{if(r=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function Lt(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[Z]==null)e[Z]=de++;else if(e[Z]<this.__a[t])return;return n(x.event?x.event(e):e)}}}function ge(t,e,n,o,r,s,c,a,d,p){var u,g,_,l,f,m,v,h,b,C,w,y,E,L,N,H,I,J,k=e.type;if(e.constructor!==B)return null;128&n.__u&&(d=32&n.__u,u=n.__c.__z)&&(e.__u|=d,g=s=[],u.nodeType==8?a=ee(u,s):s.push(u),a=s[0]||a),(u=x.__b)&&u(e);e:if(typeof k=="function"){_=c.length;try{if(h=e.props,b=(u=k.prototype)&&u.render,C=(u=k.contextType)&&o[u.__c],w=u?C?C.props.value:u.__:o,(l=n.__c)?(e.__c=l,2&l.__g&&(l.__g|=1)):(b?e.__c=l=new k(h,w):(e.__c=l=new q(h,w),l.constructor=k,l.render=Jt),C&&C.sub(l),l.state||(l.state={}),l.__n=o,l.__g|=8,l.__h=[],l.__k=[]),b&&(l.__s||(l.__s=l.state),k.getDerivedStateFromProps&&(l.__s==l.state&&(l.__s=j({},l.__s)),j(l.__s,k.getDerivedStateFromProps(h,l.__s)))),f=l.props,m=l.state,l.__v=e,n.__c){if(h!==f&&b&&!k.getDerivedStateFromProps&&l.componentWillReceiveProps&&l.componentWillReceiveProps(h,w),e.__v==n.__v&&!(8&l.__g)||!(4&l.__g)&&l.shouldComponentUpdate&&l.shouldComponentUpdate(h,l.__s,w)===!1){e.__v!=n.__v&&(l.props=h,l.state=l.__s,l.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(S){S&&(S.__=e)}),oe.push.apply(l.__h,l.__k),l.__k=[],l.__h.length&&c.push(l),a=W(n);break e}l.componentWillUpdate&&l.componentWillUpdate(h,l.__s,w),b&&l.componentDidUpdate&&l.__h.push(function(){l.componentDidUpdate(f,m,v)})}else b&&!k.getDerivedStateFromProps&&l.componentWillMount&&l.componentWillMount(),b&&l.componentDidMount&&l.__h.push(l.componentDidMount);l.context=w,l.props=h,l.__P=t,l.__g&=-5,y=x.__r,E=b?25:0;do l.__g&=-9,y&&y(e),u=l.render(l.props,l.state=l.__s,l.context);while(8&l.__g&&++E<25);b&&(oe.push.apply(l.__h,l.__k),l.__k=[]),l.state=l.__s,l.getChildContext&&(o=j({},o,l.getChildContext())),b&&n.__c&&l.getSnapshotBeforeUpdate&&(v=l.getSnapshotBeforeUpdate(f,m)),L=u&&u.type===se&&u.key==null?u.props.children:u,h.__P&&(u=a,r=(t=h.__P).namespaceURI,d=s=null,n.props&&n.props.__P!=t&&(n.__k.some(function(S){S&&he(S,S)}),n.__k=null),a=n.__k?W(n,0):null),a=Le(t,pe(L)?L:[L],e,n,o,r,s,c,a,d,p),h.__P&&(e.__e=null,a=u),e.__u&=-161,g&&g.some(U),l.__h.length&&c.push(l),1&l.__g&&(l.__g&=-4)}catch(S){if(c.length=_,e.__v=null,d||s)if(S&&S.then){if(e.__u|=128|d,s){for(~(I=s.indexOf(a||void 0))||(I=s.length);(J=s[I-1])&&J.nodeType==8;)I--;for(;I<s.length;I++)if(J=s[I])if(s[I]=null,N){if(J==H)break}else{if(J.nodeType!=8)break;J.data.startsWith("$s")&&(H=ee(N=J))}}if(!N){for(;a&&a.nodeType==8&&a.nextSibling;)a=a.nextSibling;N=a}(u=ee(N=e.__c.__z||(e.__c.__z=N)))?(e.__e=N,a=u):e.__e=a,a=a&&a.nextSibling}else s&&s.some(U);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),S&&S.then||Je(e),x.__e(S,e,n)}}else a=e.__e=It(n.__e,e,n,o,r,s,c,d,p,t);return(u=x.diffed)&&u(e),a}function ee(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function Je(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(Je))}function Fe(t,e,n){for(var o=0;o<n.length;)_e(n[o++],n[o++],n[o++]);x.__c&&x.__c(e,t),t.some(function(r){try{t=r.__h,r.__h=[],t.some(function(s){s.call(r)})}catch(s){x.__e(s,r.__v)}})}function It(t,e,n,o,r,s,c,a,d,p){var u,g,_,l,f,m,v,h,b=n.props||ne,C=e.props,w=e.type;if(w=="svg"?r="http://www.w3.org/2000/svg":w=="math"?r="http://www.w3.org/1998/Math/MathML":r||(r="http://www.w3.org/1999/xhtml"),s){for(u=0;u<s.length;u++)if((f=s[u])&&(w?f.localName==w:f.nodeType==3)){t=f,s[u]=null;break}}if(!t){if(h=p.ownerDocument||document,!w)return h.createTextNode(C);t=h.createElementNS(r,w,C.is?C:p),a&&(x.__m&&x.__m(e,s),a=!1),s=null}if(w){if(p=w=="template"&&t.content||t,s=w=="textarea"&&C.defaultValue!=null?null:s&&fe.call(p.childNodes),!a&&s)for(b={},u=0;u<t.attributes.length;u++)b[(f=t.attributes[u]).name]=f.value;for(u in b)f=b[u],u=="dangerouslySetInnerHTML"?_=f:u=="children"||u in C||u=="value"&&"defaultValue"in C||u=="checked"&&"defaultChecked"in C||Y(t,u,null,f,r);for(u in C)f=C[u],u=="children"?l=f:u=="dangerouslySetInnerHTML"?g=f:u=="value"?m=f:u=="checked"?v=f:a&&typeof f!="function"||b[u]===f||Y(t,u,f,b[u],r);g?(a||_&&(g.__html==_.__html||g.__html==t.innerHTML)||(t.innerHTML=g.__html),e.__k=[]):(_&&(t.textContent=""),(w=="foreignObject"||r=="http://www.w3.org/1998/Math/MathML"&&Rt.test(w))&&(r="http://www.w3.org/1999/xhtml"),Le(p,pe(l)?l:[l],e,n,o,r,s,c,s?s[0]:n.__k&&W(n,0),a,d),s&&s.some(U)),a&&w!="textarea"||(u="value",w=="progress"&&m==null?t.removeAttribute(u):m==null||m===t[u]&&(w!="progress"||m)||Y(t,u,m,b[u],r),u="checked",v!=null&&v!=t[u]&&Y(t,u,v,b[u],r))}else b===C||a&&t.data==C||(t.data=C);return t}function _e(t,e,n,o){try{typeof t=="function"?e?e.__x=t(e)||1:o&&(o=o.__c||o.__e)&&(e=o.__x)&&(o.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(r){x.__e(r,n)}}function he(t,e,n){var o,r,s,c;if(x.unmount&&x.unmount(t),!(o=t.ref)||o.current&&o.current!=t.__e||_e(o,null,e,t),o=t.__c){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(a){x.__e(a,e)}o.__P=o.__n=null}if(o=t.__k)for(c=0;c<o.length;c++)o[c]&&he(o[c],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(o=t.__c)&&(o=o.__z)&&(r=ee(o,s=[]))&&(o==t.__e&&s.some(U),U(r),U(o)),n||U(t.__e),t.__e=t.__c=t.__=null}function Jt(t,e,n){return this.constructor(t,n)}function $e(t,e){var n,o,r,s;x.__&&x.__(t,e),e.nodeType==9&&(e=e.documentElement),o=(n=t&&32&t.__u)?null:e.__k,e.__k=V(se,{children:[t]}),r=[],s=[],ge(e,e.__k,o||ne,ne,e.namespaceURI,o?null:e.firstChild?fe.call(e.childNodes):null,r,o?o.__e:e.firstChild,n,s),Fe(r,e.__k,s),e.__k.props.children=null}x={__e:function(t,e,n,o){for(var r,s,c;e=e.__;)if((r=e.__c)&&!(1&r.__g)){r.__g|=4;try{if((c=(s=r.constructor)&&s.getDerivedStateFromError)&&r.setState(s.getDerivedStateFromError(t)),r.componentDidCatch&&(r.componentDidCatch(t,o||{}),c=1),c&&8&r.__g)return void(r.__g|=2)}catch(a){t=a}}throw te=0,t}},Pe=0,Ot=function(t){return t!=null&&t.constructor===B},q.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=j({},this.state)),typeof t=="function"&&(t=t(j({},n),this.props)),t&&(j(n,t),this.__v&&(e&&this.__k.push(e),Ae(this)))},q.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),Ae(this))},q.prototype.render=se,D=[],te=0,Re=function(t,e){return t.__v.__b-e.__v.__b},Z=Symbol(),Me=/(PointerCapture)$|Capture$/i,de=0,ue={},Pt=0;var We=function(t,e,n,o){var r;e[0]=0;for(var s=1;s<e.length;s++){var c=e[s++],a=e[s]?(e[0]|=c?1:2,n[e[s++]]):e[++s];c===3?o[0]=a:c===4?o[1]=Object.assign(o[1]||{},a):c===5?(o[1]=o[1]||{})[e[++s]]=a:c===6?o[1][e[++s]]+=a+"":c?(r=t.apply(a,We(t,a,n,["",null])),o.push(r),a[0]?e[0]|=2:(e[s-2]=0,e[s]=r)):o.push(a)}return o},De=new Map;function Ue(t){var e=De.get(this);return e||(e=new Map,De.set(this,e)),(e=We(this,e.get(t)||(e.set(t,e=(function(n){for(var o,r,s=1,c="",a="",d=[0],p=function(_){s===1&&(_||(c=c.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?d.push(0,_,c):s===3&&(_||c)?(d.push(3,_,c),s=2):s===2&&c==="..."&&_?d.push(4,_,0):s===2&&c&&!_?d.push(5,0,!0,c):s>=5&&((c||!_&&s===5)&&(d.push(s,0,c,r),s=6),_&&(d.push(s,_,0,r),s=6)),c=""},u=0;u<n.length;u++){u&&(s===1&&p(),p(u));for(var g=0;g<n[u].length;g++)o=n[u][g],s===1?o==="<"?(p(),d=[d],s=3):c+=o:s===4?c==="--"&&o===">"?(s=1,c=""):c=o+c[0]:a?o===a?a="":c+=o:o==='"'||o==="'"?a=o:o===">"?(p(),s=1):s&&(o==="="?(s=5,r=c,c=""):o==="/"&&(s<5||n[u][g+1]===">")?(p(),s===3&&(d=d[0]),s=d,(d=d[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(p(),s=2):c+=o),s===3&&c==="!--"&&(s=4,d=d[0])}return p(),d})(t)),e),arguments,[])).length>1?e:e[0]}var i=Ue.bind(me);var z,O,ye,je,ve=Object.is,re=0,Qe=[],ke=[],A=x,He=A.__b,Ve=A.__r,qe=A.diffed,Be=A.__c,Ke=A.unmount,ze=A.__;function we(t,e){A.__h&&A.__h(O,t,re||e),re=0;var n=O.__H||(O.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function $(t){return re=1,Ft(Ze,t)}function Ft(t,e,n){var o=we(z++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):Ze(void 0,e),function(s){var c=(o.__N||o.__)[0],a=o.t(c,s);ve(c,a)||(o.__N=[a,o.__[1]],o.__c.setState({}))}],o.__c=O,!O.__f)){O.__f=!0;var r=O.shouldComponentUpdate;O.shouldComponentUpdate=function(s,c,a){var d=this.__H;if(!d)return!0;var p=!1,u=this.props!=s;if(d.__.some(function(_){_.__N&&(p=!0,ve(_.__[0],_.__N[0])||(u=!0))}),r){var g=r.call(this,s,c,a);return p?g||u:g}return!p||u}}return o.__}function R(t,e){var n=we(z++,3);!A.__s&&Ye(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,O.__H.__h.push(n))}function ie(t){return re=5,Ce(function(){return{current:t}},[])}function Ce(t,e){var n=we(z++,7);return Ye(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function Dt(){var t;do{for(;t=ke.shift();)try{K(t)}catch(n){A.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=Qe.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(K),e.__h.some(be),e.__h=[]}catch(n){e.__h=[],A.__e(n,t.__v)}}}while(ke.length)}A.__b=function(t){O=null,He&&He(t)},A.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),ze&&ze(t,e)},A.__r=function(t){Ve&&Ve(t),z=0;var e=(O=t.__c).__H;e&&(ye==O?O.__h=[]:(e.__h.some(K),e.__h.some(be),z=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),ye=O},A.diffed=function(t){qe&&qe(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&Xe(Qe.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),ye=O=null},A.__c=function(t,e){e.some(function(n){try{n.__h.some(K),n.__h=n.__h.filter(function(o){return!o.__||be(o)})}catch(o){n.__h=[function(){throw o}]}}),Be&&Be(t,e)},A.unmount=function(t){Ke&&Ke(t);var e,n,o=t.__c;o&&o.__H&&(o.__H.__.some(function(r){try{if(r.__P&&r.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}r.__P=n,Xe(ke.push(r))}else K(r)}catch(s){e=s}}),o.__H=void 0,e&&A.__e(e,o.__v))};var Ge=typeof requestAnimationFrame=="function";function Wt(t){var e,n=function(){clearTimeout(o),Ge&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);Ge&&(e=requestAnimationFrame(n))}function Xe(t){t!=1&&je==A.requestAnimationFrame||((je=A.requestAnimationFrame)||Wt)(Dt)}function K(t){var e=O,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),O=e}function be(t){var e=O;t.__c=t.__(),O=e}function Ye(t,e){return!t||t.length!=e.length||e.some(function(n,o){return!ve(n,t[o])})}function Ze(t,e){return typeof e=="function"?e(t):e}var Se="warden.session";function Ut(){let t=new URLSearchParams(location.hash.replace(/^#/,"")),e=t.get("code"),n=t.get("token");if(!(e===null&&n===null))return history.replaceState(null,"",location.pathname),e!==null?{code:e}:{token:n}}function et(t,e){return t===1008?`The gateway refused this page (${e||"authentication"}). Run \`bin/warden dashboard\` for a fresh link.`:t===1011?"The gateway cannot check credentials right now (a server fault). It will be retried; see `bin/warden doctor`.":t===4008?"The gateway closed this page because it fell behind reading; reconnecting.":t===1001||t===1006?"The gateway went away (restart or stop). Reconnecting; start it with `bin/warden gateway` if it stays down.":`The connection closed (${t}${e?`: ${e}`:""}); reconnecting.`}function tt(t){let e=Ut();if(e===void 0){let l=sessionStorage.getItem(Se);l!==null&&(e={session:l})}let n,o=!1,r=0,s=!1,c=1,a=new Map,d=new Map,p=l=>t.onState(l),u=(l,f)=>new Promise((m,v)=>{if(n===void 0||n.readyState!==WebSocket.OPEN)return v({code:"OFFLINE",message:"Not connected to the gateway; retrying."});let h=String(c++);a.set(h,{resolve:m,reject:v}),n.send(JSON.stringify({type:"req",id:h,method:l,params:f}))}),g=l=>{u("chat.send",{text:l.text,idempotencyKey:l.key,stream:!0,...l.session?{session:l.session}:{}}).then(f=>{d.delete(l.key),l.resolve(f)},f=>{f.code!=="OFFLINE"&&(d.delete(l.key),l.reject(f))})},_=()=>{if(s)return;if(e===void 0)return p({kind:"login-needed",why:"This page has no login. Run `bin/warden dashboard` and open the link it prints."});p({kind:"connecting",attempt:r});let l=location.protocol==="https:"?"wss:":"ws:",f=new WebSocket(`${l}//${location.host}/ws`);n=f;let m=!1;f.addEventListener("open",()=>{u("connect",{...e,client:"control-ui"}).then(v=>{let h=v.session;h!==void 0&&(sessionStorage.setItem(Se,h),e={session:h}),o=!0,r=0,p({kind:"connected"});for(let b of d.values())g(b)},()=>{m=!0})}),f.addEventListener("message",v=>{let h;try{h=JSON.parse(v.data)}catch{return}if(h.type==="event")return t.onEvent(h);if(h.type!=="res"||typeof h.id!="string")return;let b=a.get(h.id);a.delete(h.id),h.ok?b?.resolve(h.payload):b?.reject({code:h.error?.code??"ERROR",message:h.error?.message??"The gateway refused the request."})}),f.addEventListener("close",v=>{o=!1;for(let b of a.values())b.reject({code:"OFFLINE",message:"The connection closed; retrying."});if(a.clear(),s)return;if(m||v.code===1008)return sessionStorage.removeItem(Se),e=void 0,p({kind:"login-needed",why:et(1008,v.reason)});r+=1;let h=Math.min(15e3,250*2**Math.min(r,6))*(.75+Math.random()/2);p({kind:"offline",retryInMs:h,why:et(v.code,v.reason)}),setTimeout(_,h)})};return _(),{call:(l,f)=>o?u(l,f):Promise.reject({code:"OFFLINE",message:"Not connected to the gateway; retrying."}),send(l,f){let m=crypto.randomUUID(),v=new Promise((h,b)=>{let C={key:m,text:l,...f?{session:f}:{},resolve:h,reject:b};d.set(m,C),o&&g(C)});return{key:m,done:v}},close(){s=!0,n?.close()}}}function nt(t){return t.startsWith("flow.")||t.startsWith("taint.")||t==="cron.unnamed_target"||t.endsWith("non_owner")||t==="message.first_contact"}function ot(t){return{risk:t.filter(e=>nt(e.id)),rest:t.filter(e=>!nt(e.id))}}function jt(t){let[e,n]=$(Date.now());return R(()=>{let o=setInterval(()=>n(Date.now()),t);return()=>clearInterval(o)},[t]),e}function Ht(t){if(t<=0)return"expired";let e=Math.ceil(t/1e3);return e>=60?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s left`:`${e}s left`}function Vt(t){return`tools.exec.allow += ${JSON.stringify({binary:t.binary,argv:t.argv??[],match:t.match??"exact"})}`}var qt=t=>t.startsWith("+++")||t.startsWith("---")?"file":t.startsWith("@@")?"hunk":t.startsWith("+")?"add":t.startsWith("-")?"del":t.startsWith("\\")?"meta":"ctx";function Bt(t){let e=t.detail;return e.kind==="diff"?i`<div class="detail detail-diff"><span class="label">Change to <code>${e.path}</code>${e.note?` (${e.note})`:""}</span>
      ${e.diff===""?null:i`<pre class="unified" aria-label=${`Diff of ${e.path}`}>${e.diff.replace(/\n$/,"").split(`
`).map(n=>i`<span class=${qt(n)}>${n===""?" ":n}</span>`)}</pre>`}</div>`:e.kind==="text"?i`<div class="detail detail-text"><span class="label">${e.label}, in full</span><pre class="full">${e.text}</pre></div>`:i`<div class="detail detail-url"><span class="label">Address, in full</span><pre class="full">${e.url}</pre>
    ${e.parts.length>0?i`<dl class="facts parts">${e.parts.map(n=>i`<dt><code>${n.name}</code></dt><dd><code>${n.value}</code></dd>`)}</dl>`:null}</div>`}function G(t){let e=t.approval,n=jt(1e3),[o,r]=$(!1),[s,c]=$(!1),[a,d]=$(),p=e.expiresAt-n,u=e.status==="pending"&&p>0,g=e.always,_=async f=>{c(!0),d(await t.answer(e.id,f)),c(!1)},l=ot(e.reasons);return i`<article class=${`approval risk-${e.risk} status-${e.status}`} data-approval=${e.id} aria-label=${`Approval ${e.id}`}>
    <header>
      <strong>${e.tool}</strong>
      <span class="risk">risk: ${e.risk}</span>
      <span class="left" aria-live="off">${e.status==="pending"?Ht(p):e.status}</span>
    </header>
    <p class="what"><span class="label">What will happen</span><code>${e.summary}</code></p>
    ${e.detail?i`<${Bt} detail=${e.detail} />`:null}
    <div class="why">
      <span class="label">Why Warden asks</span>
      <ul>${[...l.risk,...l.rest].map(f=>i`<li class=${l.risk.includes(f)?"risk-reason":"policy-reason"}><code>${f.id}</code> ${f.message}</li>`)}</ul>
      ${e.provenance.length>0?i`<ul class="provenance">${e.provenance.map(f=>i`<li>${f}</li>`)}</ul>`:null}
    </div>
    <p class="meta">asked by <code>${e.requester}</code> in <code>${e.sessionKey}</code> · id <code>${e.id}</code></p>
    ${o&&u&&g!==void 0?i`<div class="always-preview" role="group" aria-label="Approve always preview">
          ${g.ok?i`<p>"Always" approves this call and keeps this rule; the exact same command then counts as allowlisted (every other check still applies):</p><pre class="rule">${Vt(g.rule)}</pre>
                <button class="primary" disabled=${s||!u} onClick=${()=>_("approve-always")}>Save rule and approve</button>`:i`<p class="refused">No rule can be kept: ${g.why}. Approve it once instead.</p>`}
          <button onClick=${()=>r(!1)}>Back</button>
        </div>`:u?i`<div class="actions">
            <button class="primary" disabled=${s} onClick=${()=>_("approve")}>Approve once</button>
            ${g!==void 0?i`<button disabled=${s} onClick=${()=>r(!0)}>Always…</button>`:null}
            <button class="danger" disabled=${s} onClick=${()=>_("deny")}>Deny</button>
          </div>`:null}
    ${a?i`<p class="error" role="alert">${a}</p>`:null}
  </article>`}function st(t){let e=[],n=new Map;for(let{message:o}of t)if(o.role==="user")e.push({kind:"user",text:o.content});else if(o.role==="assistant"){o.content.trim()!==""&&e.push({kind:"assistant",text:o.content});for(let r of o.toolCalls){let s={kind:"tool",id:r.id,name:r.name,args:r.arguments};n.set(r.id,s),e.push(s)}}else{let r=n.get(o.toolCallId);r&&Object.assign(r,{result:o.content,isError:o.isError})}return e}function Kt(t){try{return JSON.stringify(JSON.parse(t),null,2)}catch{return t}}function zt(t){let{item:e}=t,n=e.result===void 0?"running":e.isError?"failed":"done";return i`<details class=${`tool tool-${n}`}>
    <summary><span class="tool-name">${e.name}</span> <span class="tool-state">${n}</span></summary>
    <pre>${Kt(e.args)}</pre>
    ${e.result!==void 0?i`<pre class="tool-result">${e.result.length>4e3?`${e.result.slice(0,4e3)}
\u2026`:e.result}</pre>`:null}
  </details>`}function rt(t){let[e,n]=$(""),o=ie(null);R(()=>{let s=o.current;s&&(s.scrollTop=s.scrollHeight)},[t.items.length,t.streaming,t.approvals.length]);let r=s=>{s.preventDefault();let c=e.trim();c!==""&&(t.send(c),n(""))};return i`<section class="chat">
    <div class="log" ref=${o} aria-live="polite">
      ${t.items.map(s=>s.kind==="tool"?i`<${zt} item=${s} />`:i`<div class=${`msg ${s.kind}${s.kind==="user"&&s.pending?" pending":""}`}>${s.text}</div>`)}
      ${t.approvals.map(s=>i`<${G} key=${s.id} approval=${s} answer=${t.answer} />`)}
      ${t.streaming!==""?i`<div class="msg assistant streaming">${t.streaming}</div>`:null}
    </div>
    <form class="composer" onSubmit=${r}>
      <textarea aria-label="Message" placeholder=${t.online?"Message Warden":"Offline: messages wait and go once reconnected"} value=${e}
        onInput=${s=>n(s.target.value)}
        onKeyDown=${s=>{s.key==="Enter"&&!s.shiftKey&&r(s)}}></textarea>
      <button type="submit" class="primary">Send</button>
    </form>
  </section>`}var F=t=>new Date(t).toLocaleString();function M(t,e){let[n,o]=$({}),[r,s]=$(0);return R(()=>{let c=!0;return t().then(a=>c&&o({data:a}),a=>c&&o({error:a.message})),()=>{c=!1}},[...e,r]),{...n,refresh:()=>s(c=>c+1)}}var xe=t=>t==="owner";function at(t){let e=t.message;return e.role==="assistant"?[e.content,...e.toolCalls.map(n=>`\u2192 ${n.name} ${n.arguments}`)].filter(n=>n.trim()!=="").join(`
`):e.content}function Gt(t){let e=Math.max(2,...[...t.matchAll(/`+/g)].map(o=>o[0].length)),n="`".repeat(e+1);return`${n}
${t}
${n}`}function Xt(t,e){let n=[`# Warden session \`${t}\``,"",`Exported ${new Date().toISOString()}; ${e.length} message(s). Origins other than \`owner\` are untrusted text.`,""];for(let o of e)n.push(`## ${o.message.role} \xB7 ${new Date(o.at).toISOString()} \xB7 origin \`${o.source}\`${xe(o.source)?"":" (untrusted)"}`,"",Gt(at(o)),"");return n.join(`
`)}function it(t,e,n){let o=URL.createObjectURL(new Blob([n],{type:e})),r=document.createElement("a");r.href=o,r.download=t,r.click(),setTimeout(()=>URL.revokeObjectURL(o),1e4)}function lt(t){let e=M(()=>t.connection.call("chat.history",{session:t.session}),[t.online,t.session]),n=e.data?.messages??[],o=t.session.replace(/[^A-Za-z0-9_.-]+/g,"_");return i`<div class="transcript" data-session=${t.session}>
    <div class="actions">
      <button onClick=${t.close}>← All sessions</button>
      <button class="export-json" disabled=${!e.data} onClick=${()=>it(`${o}.json`,"application/json",`${JSON.stringify({session:t.session,messages:n},null,2)}
`)}>Export JSON</button>
      <button class="export-md" disabled=${!e.data} onClick=${()=>it(`${o}.md`,"text/markdown",Xt(t.session,n))}>Export Markdown</button>
    </div>
    <h2><code>${t.session}</code></h2>
    <p class="meta">Read-only. Each message shows where its text came from; only <span class="clean">owner</span> is your own words.</p>
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    ${e.data&&n.length===0?i`<p class="empty">This session has no messages.</p>`:null}
    <ol class="transcript-log">${n.map(r=>i`<li class=${`tmsg role-${r.message.role} ${xe(r.source)?"trusted":"untrusted"}`}>
      <span class="meta">${r.message.role} · ${new Date(r.at).toLocaleString()} · </span><span class=${`origin ${xe(r.source)?"clean":"taint"}`}>${r.source}</span>
      <pre class="full">${at(r)}</pre></li>`)}</ol>
  </div>`}function ct(t){let[e,n]=$(typeof Notification>"u"?"unsupported":Notification.permission),o=t.approvals.filter(s=>s.status==="pending"),r=t.approvals.filter(s=>s.status!=="pending");return i`<section class="page">
    <h1>Approvals</h1>
    ${e==="default"?i`<p><button onClick=${()=>{Notification.requestPermission().then(n)}}>Notify me when a request comes in while this tab is in the background</button></p>`:null}
    ${o.length===0?i`<p class="empty">Nothing is waiting for you.</p>`:null}
    ${o.map(s=>i`<${G} key=${s.id} approval=${s} answer=${t.answer} />`)}
    ${r.length>0?i`<h2>Answered while this page was open</h2>${r.map(s=>i`<${G} key=${s.id} approval=${s} answer=${t.answer} />`)}`:null}
  </section>`}function Qt(t){let e=t.modules.length,n=t.modules.flatMap((o,r)=>o.map((s,c)=>s?i`<rect x=${c} y=${r} width="1" height="1" />`:null));return i`<svg class="qr" viewBox=${`0 0 ${e} ${e}`} width="264" height="264" role="img" aria-label="Signal link QR code" shape-rendering="crispEdges"><rect width=${e} height=${e} fill="#fff" /><g fill="#000">${n}</g></svg>`}function Yt(t){let[e,n]=$({});return i`<h2>Signal</h2>
    <p><button onClick=${()=>{n({note:"Asking signal-cli for a link code\u2026"}),t.connection.call("signal.link.start",{}).then(r=>{n({qr:r.qr,note:"On the phone with the bot's Signal account: Settings \u2192 Linked devices \u2192 + \u2192 scan this code."}),t.connection.call("signal.link.finish",{uri:r.uri}).then(s=>n({note:`Linked ${s.account??"the account"}. Set channels.signal.account to it, enable the channel and restart the gateway.`}),s=>n({note:s.message}))},r=>n({note:r.message}))}}>Link a Signal account</button> (signal-cli's daemon must run at <code>channels.signal.httpUrl</code>, without <code>-a</code>, while linking)</p>
    ${e.note?i`<p class="notice" role="status">${e.note}</p>`:null}
    ${e.qr?i`<${Qt} modules=${e.qr} />`:null}`}function ut(t){let e=M(()=>t.connection.call("pairing.list",{}),[t.online]),n=M(()=>t.connection.call("status",{}),[t.online]),[o,r]=$(),s=(a,d,p)=>t.connection.call("pairing.approve",{channel:a,code:d,owner:p}).then(u=>{r(`Paired ${u.contact.senderName??u.contact.senderId} on ${a}${u.becameOwner?" as the owner":""}.`),e.refresh()},u=>r(u.message)),c=e.data;return i`<section class="page">
    <h1>Channels</h1>
    ${o?i`<p class="notice" role="status">${o}</p>`:null}
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    <h2>Status</h2>
    ${(n.data?.channels??[]).length===0?i`<p class="empty">No channel is running besides this page (WebChat).</p>`:null}
    <ul class="cards">${(n.data?.channels??[]).map(a=>i`<li class=${`channel state-${a.state}`}><strong>${a.channel}</strong> ${a.state} since ${a.since}${a.reason?i`<br />${a.reason}`:null}${a.fix?i`<br /><em>${a.fix}</em>`:null}</li>`)}</ul>
    <${Yt} connection=${t.connection} />
    <h2>Pairing requests</h2>
    ${c&&c.pending.length===0?i`<p class="empty">No one is waiting to be paired.</p>`:null}
    <ul class="cards">${(c?.pending??[]).map(a=>i`<li class="pairing" data-code=${a.code}>
      <strong>${a.senderName??a.senderId}</strong> on ${a.channel} · code <code>${a.code}</code> · asked ${F(a.createdAt)}
      <div class="actions">
        <button class="primary" onClick=${()=>s(a.channel,a.code,!1)}>Approve as contact</button>
        <button onClick=${()=>s(a.channel,a.code,!0)}>Approve as owner</button>
      </div></li>`)}</ul>
    <h2>Owners</h2>
    <ul class="cards">${(c?.owners??[]).map(a=>i`<li><strong>${a.senderId}</strong> on ${a.channel} · ${a.explicit?"designated":"first pairing"} ${F(a.setAt)}</li>`)}</ul>
    <h2>Paired contacts</h2>
    ${c&&c.contacts.length===0?i`<p class="empty">No contacts yet.</p>`:null}
    <ul class="cards">${(c?.contacts??[]).map(a=>i`<li><strong>${a.senderName??a.senderId}</strong> on ${a.channel} · approved ${F(a.approvedAt)} by ${a.approvedBy}</li>`)}</ul>
  </section>`}function dt(t){let e=M(()=>t.connection.call("status",{}),[t.online]),n=e.data;return i`<section class="page">
    <h1>Status</h1>
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    ${n?i`<dl class="facts">
          <dt>Gateway</dt><dd>${n.ok?"healthy":"needs attention"}, up ${Math.round(n.uptimeSeconds/60)} min</dd>
          <dt>Model</dt><dd>${n.model??"none configured (set WARDEN_MODEL)"}</dd>
          <dt>Storage</dt><dd>${n.storage.ok?"ok":`${n.storage.condition??"fault"}: ${n.storage.message??""}`}</dd>
          <dt>Activity entries lost</dt><dd>${n.lostActivityEntries}</dd>
          ${n.historyLost!==void 0?i`<dt>Activity history</dt><dd class="error">lost: ${n.historyLost}</dd>`:null}
          <dt>Channels</dt><dd>${(n.channels??[]).map(o=>`${o.channel}: ${o.state}`).join(", ")||"WebChat only"}</dd>
        </dl>`:null}
    <p><button onClick=${e.refresh}>Refresh</button></p>
  </section>`}function pt(t){let e=M(()=>t.connection.call("sessions.list",{}),[t.online]),[n,o]=$(),[r,s]=$(),c=d=>t.connection.call("sessions.reset",{session:d}).then(p=>{o(`${d}: ${p.reply}`),e.refresh()},p=>o(p.message)),a=e.data?.sessions??[];return r!==void 0?i`<section class="page"><h1>Sessions</h1><${lt} connection=${t.connection} online=${t.online} session=${r} close=${()=>s(void 0)} /></section>`:i`<section class="page">
    <h1>Sessions</h1>
    ${n?i`<p class="notice" role="status">${n}</p>`:null}
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    ${e.data&&a.length===0?i`<p class="empty">No conversations yet.</p>`:null}
    <ul class="cards">${a.map(d=>i`<li class="session" data-session=${d.key}>
      <strong>${d.peer}</strong> on ${d.channel} · ${F(d.updatedAt)}
      <br /><code>${d.key}</code>
      <br />${d.tainted?i`<span class="taint">untrusted context</span> (${d.confidentiality}${d.sources.length>0?`; from ${d.sources.join(", ")}`:""}): actions that could leak need your approval until it is reset`:i`<span class="clean">trusted context</span> (${d.confidentiality})`}
      <div class="actions"><button class="open" onClick=${()=>s(d.key)}>Open transcript</button><button onClick=${()=>{c(d.key)}}>Reset (forget history and labels)</button></div>
    </li>`)}</ul>
  </section>`}var ae=t=>`$${t.toFixed(t<1?4:2)}`;function ft(t){let e=M(()=>t.connection.call("usage.get",{}),[t.online]),n=e.data,o=(r,s=String)=>r===null?"no limit":s(r);return i`<section class="page">
    <h1>Usage and cost</h1>
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    ${n?i`<dl class="facts">
          <dt>Today (UTC)</dt><dd>${n.tokens.today.toLocaleString()} tokens · ${ae(n.costUsd.today)} (limit ${o(n.limits.costUsd.perDay,ae)}, ${o(n.limits.tokens.perDay)} tokens)</dd>
          <dt>This month</dt><dd>${n.tokens.month.toLocaleString()} tokens · ${ae(n.costUsd.month)} (limit ${o(n.limits.costUsd.perMonth,ae)})</dd>
          <dt>Per session</dt><dd>${o(n.limits.tokens.perSession)} tokens</dd>
          <dt>Messages per sender</dt><dd>${o(n.limits.messages.perSenderPerMinute)} per minute</dd>
          ${n.unpricedCallsToday>0?i`<dt>Unpriced calls today</dt><dd>${n.unpricedCallsToday} (set prices in the config to count their cost)</dd>`:null}
        </dl>`:null}
    <p><button onClick=${e.refresh}>Refresh</button></p>
  </section>`}function mt(t){return t.map(e=>e.change==="added"?`+ ${e.key} = ${e.after}`:e.change==="removed"?`- ${e.key} (was ${e.before})`:`~ ${e.key}: ${e.before} \u2192 ${e.after}`).join(`
`)}function X(t){return t.changes.length===0?i`<p class="empty">No change.</p>`:i`<pre class="diff">${mt(t.changes)}</pre>`}var gt=9007199254740991;function Zt(t){if(Array.isArray(t.enum))return"enum";let e=Array.isArray(t.type)?t.type.find(n=>n!=="null"):t.type;return e==="boolean"||e==="number"||e==="integer"||e==="string"?e:"json"}function ht(t,e="",n=!1){let o=n||t.secret===!0;return t.properties!==void 0&&Object.keys(t.properties).length>0?Object.entries(t.properties).flatMap(([r,s])=>ht(s,e===""?r:`${e}.${r}`,o)):e===""?[]:[{key:e,kind:Zt(t),schema:t,secret:o}]}function en(t,e){if(e.trim()==="")return{ok:!0,value:void 0};if(t.kind==="string"||t.kind==="enum")return{ok:!0,value:e};if(t.kind==="boolean")return e==="true"||e==="false"?{ok:!0,value:e==="true"}:{ok:!1,why:"choose true or false"};if(t.kind==="number"||t.kind==="integer"){let n=Number(e);return Number.isFinite(n)?{ok:!0,value:n}:{ok:!1,why:`\`${e}\` is not a number`}}try{return{ok:!0,value:JSON.parse(e)}}catch{return{ok:!1,why:'not valid JSON (an array is written ["a", "b"], an object {"k": 1})'}}}function Ee(t,e){let n=e.get(t.key);if(n!==void 0){if(t.kind==="json")return n;let s=JSON.parse(n);return typeof s=="string"?s:String(s)}let o=[...e].filter(([s])=>s.startsWith(`${t.key}.`));if(o.length===0)return"";let r={};for(let[s,c]of o){let a=s.slice(t.key.length+1).split("."),d=r;for(let p of a.slice(0,-1))d=d[p]??={};d[a.at(-1)]=JSON.parse(c)}return JSON.stringify(r)}function tn(t){let e=[];return t.minimum!==void 0&&t.minimum>-gt&&e.push(`\u2265 ${t.minimum}`),t.maximum!==void 0&&t.maximum<gt&&e.push(`\u2264 ${t.maximum}`),e.join(", ")}function _t(t){let e=t.field,[n,o]=$(t.current),[r,s]=$(),c=u=>{o(u.target.value),s(void 0)},a=()=>{let u=en(e,n);u.ok?t.onPreview(e.key,u.value):s(u.why)},d=e.schema.default!==void 0&&typeof e.schema.default!="object"?`default ${JSON.stringify(e.schema.default)}`:"",p=[e.kind==="json"?"JSON":e.kind,d,tn(e.schema)].filter(u=>u!=="").join(" \xB7 ");return i`<li class="field" data-key=${e.key}>
    <label for=${`f-${e.key}`}><code>${e.key}</code> <span class="meta">${p}</span></label>
    ${e.schema.description?i`<p class="meta">${e.schema.description}</p>`:null}
    ${e.secret?i`<p class="meta secret-field">A secret: its value never reaches this page. Set it with <code>warden secrets set ${e.key}</code>.</p>`:i`<div class="field-input">
          ${e.kind==="enum"||e.kind==="boolean"?i`<select id=${`f-${e.key}`} value=${n} onChange=${c}>
                <option value="">(default)</option>
                ${(e.kind==="boolean"?["true","false"]:(e.schema.enum??[]).map(String)).map(u=>i`<option value=${u}>${u}</option>`)}
              </select>`:i`<input id=${`f-${e.key}`} value=${n} inputmode=${e.kind==="number"||e.kind==="integer"?"decimal":void 0} placeholder=${e.kind==="json"?"JSON; empty = default":"empty = default"} onInput=${c} />`}
          <button type="button" disabled=${n===t.current} onClick=${a}>Preview</button>
        </div>`}
    ${r?i`<p class="error" role="alert">${r}</p>`:null}
    ${t.children}
  </li>`}function $t(t){let e=new Map(t.values.map(r=>[r.key,r.value])),n=ht(t.schema),o=[...new Set(n.map(r=>r.key.split(".")[0]))];return i`<div class="settings-form">${o.map(r=>{let s=n.filter(a=>a.key.split(".")[0]===r),c=s.filter(a=>Ee(a,e)!=="").length;return i`<details class="section" data-section=${r}>
      <summary><strong>${r}</strong> <span class="meta">${s.length} settings${c>0?`, ${c} set in the file`:""}</span></summary>
      <ul class="fields">${s.map(a=>i`<${_t} key=${`${a.key}=${Ee(a,e)}`} field=${a} current=${Ee(a,e)} onPreview=${t.onPreview}>${t.renderPreview(a.key)}</${_t}>`)}</ul>
    </details>`})}</div>`}function nn(t,e,n){let o=0;for(let r=1;r<e;r++){let s=t.indexOf(`
`,o);if(s===-1)return t.length;o=s+1}return Math.min(t.length,o+Math.max(0,n-1))}function yt(t){let[e,n]=$(),[o,r]=$(""),[s,c]=$(),[a,d]=$(),p=ie(null),u=()=>t.connection.call("settings.raw",{}).then(l=>{n(l),r(l.text),c(void 0),d(void 0)},l=>d(l.message));R(()=>{t.online&&u()},[t.online]);let g=()=>t.connection.call("settings.previewRaw",{text:o,revision:e?.revision??""}).then(l=>{c(l);let f=p.current;if(!l.ok&&l.at&&f){let m=nn(o,l.at.line,l.at.column);f.focus(),f.setSelectionRange(m,Math.min(o.length,m+1))}},l=>d(l.message)),_=()=>t.connection.call("settings.setRaw",{text:o,revision:e?.revision??""}).then(l=>u().then(()=>t.onSaved(`Saved ${l.changes.length} change(s) from the raw editor. They take effect when the gateway restarts.`)),l=>d(l.message));return i`<div class="raw-editor">
    <p class="meta"><code>${e?.file??""}</code>${e&&e.masked.length>0?i` · secrets shown as <code>"[secret]"</code> (leave them so): ${e.masked.map(l=>i`<code>${l}</code> `)}`:null}</p>
    ${a?i`<p class="error" role="alert">${a}</p>`:null}
    <textarea name="raw" class="raw" spellcheck=${!1} aria-label="Config file (JSON5)" value=${o} onInput=${l=>{r(l.target.value),c(void 0)}}></textarea>
    ${s&&!s.ok?i`<ul class="error raw-problems" role="alert">${s.problems.map(l=>i`<li>${s.at?`line ${s.at.line}, column ${s.at.column}: `:""}${l}</li>`)}</ul>`:null}
    ${s&&s.ok?i`<${X} changes=${s.changes} />`:null}
    <div class="actions">
      <button type="button" onClick=${()=>{g()}}>Check and preview</button>
      <button type="button" class="primary" disabled=${s?.ok!==!0||s.changes.length===0} onClick=${()=>{_()}}>Save</button>
      <button type="button" onClick=${()=>{u()}}>Reload</button>
    </div>
  </div>`}function on(t){if(t.trim()!=="")try{return JSON.parse(t)}catch{return t}}function vt(t){let[e,n]=$(),[o,r]=$(),[s,c]=$("form"),[a,d]=$(""),[p,u]=$(""),[g,_]=$(),[l,f]=$(),m=()=>t.connection.call("settings.get",{}).then(n,y=>f(y.message));R(()=>{t.online&&(m(),t.connection.call("settings.schema",{}).then(y=>r(y.schema),y=>f(y.message)))},[t.online]);let v=(y,E)=>({key:y.trim(),...E!==void 0?{value:E}:{}}),h=(y,E,L)=>t.connection.call("settings.preview",v(E,L)).then(N=>_({from:y,key:E,value:L,preview:N}),N=>f(N.message)),b=()=>{g&&t.connection.call("settings.set",v(g.key,g.value)).then(()=>{f(`Saved ${g.key}. It takes effect when the gateway restarts.`),_(void 0),m()},y=>f(y.message))},C=y=>t.connection.call("settings.rollback",{version:y}).then(E=>{f(`Rolled back: ${E.changes.map(L=>L.key).join(", ")||"nothing to change"}. It takes effect when the gateway restarts.`),m()},E=>f(E.message)),w=y=>{if(g?.from!==y)return null;let E=g.preview;return i`<div class="pending-change">
      ${E.ok?i`<${X} changes=${E.changes} />`:i`<ul class="error">${E.problems.map(L=>i`<li>${L}</li>`)}</ul>`}
      ${E.ok&&E.changes.length>0?i`<div class="actions"><button type="button" class="primary" onClick=${b}>Save</button><button type="button" onClick=${()=>_(void 0)}>Cancel</button></div>`:null}
    </div>`};return i`<section class="page">
    <h1>Settings</h1>
    ${l?i`<p class="notice" role="status">${l}</p>`:null}
    <form class="setting" onSubmit=${y=>{y.preventDefault(),h("by-key",a,on(p))}}>
      <label>Key <input name="key" value=${a} placeholder="tools.exec.ask" onInput=${y=>{d(y.target.value),_(void 0)}} /></label>
      <label>Value (JSON, or text; empty unsets) <input name="value" value=${p} placeholder='"always"' onInput=${y=>{u(y.target.value),_(void 0)}} /></label>
      <div class="actions"><button type="submit">Preview change</button>
        <button type="button" class="primary" disabled=${g?.from!=="by-key"||g.preview.ok!==!0||g.preview.changes.length===0} onClick=${b}>Save</button></div>
    </form>
    ${g?.from==="by-key"?g.preview.ok?i`<${X} changes=${g.preview.changes} />`:i`<ul class="error">${g.preview.problems.map(y=>i`<li>${y}</li>`)}</ul>`:null}
    <div class="tabs" role="tablist">
      <button type="button" role="tab" aria-selected=${s==="form"} class=${s==="form"?"active":""} onClick=${()=>c("form")}>All settings</button>
      <button type="button" role="tab" aria-selected=${s==="raw"} class=${s==="raw"?"active":""} onClick=${()=>c("raw")}>Raw file (JSON5)</button>
    </div>
    ${s==="form"?o&&e?i`<${$t} schema=${o} values=${e.values} onPreview=${(y,E)=>{h(y,y,E)}} renderPreview=${w} />`:i`<p class="empty">Loading the settings…</p>`:i`<${yt} connection=${t.connection} online=${t.online} onSaved=${y=>{f(y),m()}} />`}
    <h2>Recent changes</h2>
    ${e&&e.versions.length===0?i`<p class="empty">No change made from here yet.</p>`:null}
    <ul class="cards versions">${(e?.versions??[]).map(y=>i`<li data-version=${y.id}>
      <code>${y.key}</code>: ${y.before??"(unset)"} → ${y.after??"(unset)"} · ${new Date(y.at).toLocaleString()} by ${y.actor}
      <div class="actions"><button onClick=${()=>{C(y.id)}}>Roll back</button></div></li>`)}</ul>
  </section>`}var sn=1e3,kt=200,rn=3e3;function bt(t){let[e,n]=$([]),[o,r]=$(""),[s,c]=$(""),[a,d]=$(),[p,u]=$();R(()=>{if(!t.online)return;let m=0,v=!0,h=()=>t.connection.call("activity.tail",{limit:200,afterSeq:m}).then(C=>{!v||C.entries.length===0||(m=C.entries.at(-1)?.seq??m,n(w=>[...w,...C.entries].slice(-sn)))},C=>u(C.message));h();let b=setInterval(()=>{h()},rn);return()=>{v=!1,clearInterval(b)}},[t.online]);let g=()=>t.connection.call("activity.verify",{}).then(m=>d(m.ok?`The chain verifies: ${m.count} entries up to #${m.lastSeq}${m.anchored?", anchored":""}.`:`The chain is broken at #${m.firstBadSeq}: ${m.message}`),m=>d(m.message)),_=[...new Set(e.map(m=>m.kind))].sort(),l=s.trim().toLowerCase(),f=e.filter(m=>(o===""||m.kind===o)&&(l===""||`${m.actor} ${m.summary} ${JSON.stringify(m.data)}`.toLowerCase().includes(l)));return i`<section class="page">
    <h1>Activity</h1>
    <div class="filters">
      <label>Kind <select value=${o} onChange=${m=>r(m.target.value)}>
        <option value="">all</option>${_.map(m=>i`<option value=${m}>${m}</option>`)}</select></label>
      <label>Filter <input name="filter" value=${s} placeholder="session, tool, decision…" onInput=${m=>c(m.target.value)} /></label>
      <button onClick=${()=>{g()}}>Verify the hash chain</button>
    </div>
    ${a?i`<p class="notice" role="status">${a}</p>`:null}
    ${p?i`<p class="error">${p}</p>`:null}
    <p class="meta">Showing ${Math.min(f.length,kt)} of ${f.length} matching among the last ${e.length} entries; \`warden audit-log export\` writes the whole log.</p>
    <ol class="activity">${f.slice(-kt).reverse().map(m=>i`<li class=${`entry kind-${m.kind}`}>
      <span class="seq">#${m.seq}</span> <time>${new Date(m.ts).toLocaleTimeString()}</time> <strong>${m.kind}</strong> ${m.actor}: ${m.summary}</li>`)}</ol>
  </section>`}function wt(t){let e=M(()=>t.connection.call("cron.list",{}),[t.online]),[n,o]=$(),[r,s]=$(),c=d=>t.connection.call("cron.remove",{id:d}).then(p=>{s(p.removed?`Removed job #${d}.`:`Job #${d} was already gone.`),o(void 0),e.refresh()},p=>s(p.message)),a=e.data?.jobs??[];return i`<section class="page">
    <h1>Scheduled jobs</h1>
    ${r?i`<p class="notice" role="status">${r}</p>`:null}
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    ${e.data&&a.length===0?i`<p class="empty">No scheduled jobs. The agent schedules them with its <code>cron</code> tool; <code>warden cron list</code> shows them too.</p>`:null}
    <ul class="cards">${a.map(d=>i`<li class="job" data-job=${d.id}>
      <strong>#${d.id}</strong> <code>${d.schedule}</code> · ${d.enabled?"enabled":"disabled"} · by <code>${d.creator.id}</code>
      ${d.tainted?i` · <span class="taint">written in an untrusted turn</span> (${d.taintSources.join(", ")})`:null}
      <pre class="full">${d.prompt}</pre>
      <p class="meta">next run ${d.nextRun===null?"none":F(d.nextRun)} · last run ${d.lastRun===null?"never":F(d.lastRun)}${d.lastResult?i` · last result: <span class="last-result">${d.lastResult}</span>`:null}</p>
      <div class="actions">${n===d.id?i`<span>Remove job #${d.id} for good?</span><button class="danger" onClick=${()=>{c(d.id)}}>Remove</button><button onClick=${()=>o(void 0)}>Keep it</button>`:i`<button onClick=${()=>o(d.id)}>Remove…</button>`}</div>
    </li>`)}</ul>
    <p><button onClick=${e.refresh}>Refresh</button></p>
  </section>`}function an(t){let e=t.audit;if("error"in e)return i`<p class="error">The audit could not run: ${e.error}</p>`;let n={critical:0,warn:1,info:2},o=[...e.findings].sort((r,s)=>n[r.severity]-n[s.severity]);return i`<p class="meta">${e.summary.critical} critical · ${e.summary.warn} warnings · ${e.summary.info} info (the same checks as <code>warden security audit</code>; <code>--deep</code> and <code>--fix</code> run from the CLI)</p>
    <ul class="cards findings">${o.map(r=>i`<li class=${`finding sev-${r.severity}`} data-check=${r.checkId}>
      <span class=${`sev sev-${r.severity}`}>${r.severity}</span> <strong>${r.title}</strong> <code class="meta">${r.checkId}</code>
      <p>${r.detail}</p>${r.fix?i`<p class="fix"><span class="label">Fix</span> ${r.fix}</p>`:null}</li>`)}</ul>`}function Ct(t){let e=M(()=>t.connection.call("security.overview",{}),[t.online]),n=e.data,o=n&&!("error"in n.threats)?n.threats:void 0;return i`<section class="page">
    <h1>Security</h1>
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    ${!n&&!e.error?i`<p class="empty">Running the audit…</p>`:null}
    ${n?i`<h2>Audit findings</h2><${an} audit=${n.audit} />
        <h2>Threat model coverage</h2>
        ${"error"in n.threats?i`<p class="error">${n.threats.error}</p>`:null}
        ${o?i`<p class="meta">${o.total.threats} threats: ${o.total.mitigated} mitigated, ${o.total.partial} partial, ${o.total.accepted} accepted; proved by ${o.total.tests} tests and ${o.total.scenarios} red-team scenarios (model of ${o.updated})</p>
            <div class="table-wrap"><table class="coverage"><thead><tr><th>Tactic</th><th>Threats</th><th>Mitigated</th><th>Partial</th><th>Accepted</th><th>Tests</th><th>Scenarios</th></tr></thead>
            <tbody>${o.tactics.map(r=>i`<tr><td>${r.name}</td><td>${r.threats}</td><td>${r.mitigated}</td><td>${r.partial}</td><td>${r.accepted}</td><td>${r.tests}</td><td>${r.scenarios}</td></tr>`)}</tbody></table></div>`:null}
        <h2>Last red-team run</h2>
        ${n.redteam?i`<p class="redteam">${F(Date.parse(n.redteam.at))}: ${n.redteam.summary.attacks??0} attacks, <strong>${n.redteam.summary.attacksSucceeded??0} succeeded</strong>, ${n.redteam.summary.attacksAsked??0} stopped by asking; ${n.redteam.summary.benignCompleted??0} of ${n.redteam.summary.benign??0} benign tasks completed (${n.redteam.summary.benignAsked??0} asked) · <code>${n.redteam.scenarios}</code></p>`:i`<p class="empty">No run recorded. Run <code>bin/warden security redteam --scenarios scenarios</code> with this state directory.</p>`}`:null}
    <p><button onClick=${e.refresh}>Run again</button></p>
  </section>`}var ln=["unknown","read-only","writes","sends"];function cn(t){let e=t.server,[n,o]=$(!1),[r,s]=$(""),c=p=>{o(!0),p().then(t.done,u=>t.done(u.message)).finally(()=>o(!1))},a=e.tools.filter(p=>p.status!=="approved"&&p.hash!==null),d=()=>c(()=>t.connection.call("mcp.approve",{server:e.name,tools:a.map(p=>({tool:p.tool,hash:p.hash})),...r?{effect:r}:{}}).then(p=>`Approved ${a.length} tool(s) of ${e.name}, pinned as shown (${p.approved} approved now). The gateway offers them from its next turn.`));return i`<li class="mcp-server" data-server=${e.name}>
    <strong>${e.name}</strong> · ${e.transport}${e.url?i` <code>${e.url}</code>`:null}${e.enabled?"":" \xB7 disabled"}
    · approved ${e.approved}, <span class=${e.changed>0?"taint":""}>changed ${e.changed}</span>, unapproved ${e.unapproved}
    ${e.tools.length===0?i`<p class="empty">Its tools have not been listed yet: nothing of it runs until you approve.</p>`:null}
    <ul class="mcp-tools">${e.tools.map(p=>i`<li class=${`mcp-tool status-${p.status}`} data-tool=${p.tool}>
      <code>${p.name}</code> <span class="meta">[${p.status}, effect: ${p.effect}]</span>
      ${p.descriptionLooksLikeInstructions?i`<p class="refused">Warning: the description reads like instructions to the model.</p>`:null}
      <span class="label">Description (from the server, untrusted)</span><pre class="full">${p.description}</pre>
      <details><summary>Input schema${p.hints!==null?" and hints":""}</summary><pre class="full">${JSON.stringify(p.inputSchema,null,2)}</pre>${p.hints!==null?i`<pre class="full">${JSON.stringify(p.hints,null,2)}</pre>`:null}</details>
      ${p.changes&&p.changes.length>0?i`<span class="label">Changed since you approved it</span><pre class="unified changes">${p.changes.join(`
`)}</pre>`:null}
    </li>`)}</ul>
    <div class="actions">
      <button disabled=${n} onClick=${()=>c(()=>t.connection.call("mcp.inspect",{server:e.name}).then(p=>`${e.name} serves ${p.tools.length} tool(s); review them before approving.`))}>List its tools (starts it sandboxed)</button>
      ${a.length>0?i`<label>Effect <select value=${r} onChange=${p=>s(p.target.value)}>
            <option value="">keep confirmed (new: unknown, asks every call)</option>${ln.map(p=>i`<option value=${p}>${p}</option>`)}</select></label>
          <button class="primary approve" disabled=${n} onClick=${d}>Approve ${a.length} tool(s) as shown</button>`:null}
      ${e.approved+e.changed>0?i`<button class="danger revoke" disabled=${n} onClick=${()=>c(()=>t.connection.call("mcp.revoke",{server:e.name}).then(p=>`Revoked ${p.removed} approval(s) of ${e.name}; its tools are no longer offered.`))}>Revoke all</button>`:null}
    </div>
  </li>`}function St(t){let e=M(()=>t.connection.call("mcp.list",{}),[t.online]),[n,o]=$(),r=e.data?.servers??[];return i`<section class="page">
    <h1>Connected services (MCP)</h1>
    ${n?i`<p class="notice" role="status">${n}</p>`:null}
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    ${e.data&&r.length===0?i`<p class="empty">No MCP servers configured (<code>mcp.servers</code> in Settings).</p>`:null}
    <ul class="cards">${r.map(s=>i`<${cn} key=${s.name} server=${s} connection=${t.connection} done=${c=>{o(c),e.refresh()}} />`)}</ul>
  </section>`}var Q=t=>t&&t.length>0?t.join(", "):"\u2014";function xt(t){let e=M(()=>t.connection.call("skills.list",{}),[t.online]),n=e.data?.skills??[];return i`<section class="page">
    <h1>Skills</h1>
    ${e.error?i`<p class="error">${e.error}</p>`:null}
    ${e.data&&n.length===0?i`<p class="empty">No skills installed (<code>warden skills install PATH</code>).</p>`:null}
    <ul class="cards">${n.map(o=>i`<li class="skill" data-skill=${o.name}>
      <strong>${o.name}</strong>${o.version?` ${o.version}`:""} ·
      <span class=${o.state==="ok"&&o.verified?"":"taint"}>${o.state}${o.state==="ok"?o.verified?", verified now":", NOT verified":""}</span> ·
      ${o.signer===null?i`<span class="taint">UNSIGNED</span>`:i`signed by ${o.publisher??"?"} <code>${o.signer}</code>`}
      ${o.problem?i`<p class="refused">${o.problem}</p>`:null}
      ${o.state!=="ok"&&o.reason?i`<p class="refused">${o.reason}</p>`:null}
      ${o.description?i`<span class="label">Description (from the publisher, untrusted)</span><pre class="full">${o.description}</pre>`:null}
      ${o.capabilities?i`<dl class="caps">
        <dt>reads</dt><dd>${Q(o.capabilities.filesystem.read)}</dd>
        <dt>writes</dt><dd>${Q(o.capabilities.filesystem.write)}</dd>
        <dt>network</dt><dd>${Q(o.capabilities.network.hosts)}</dd>
        <dt>environment</dt><dd>${Q(o.capabilities.env)}</dd>
        <dt>programs</dt><dd>${Q(o.capabilities.executables)}</dd>
      </dl>`:null}
      <p class="meta">digest <code>${o.digest}</code> · installed ${o.installedAt} from <code>${o.source}</code>${o.registrySequence!=null?` \xB7 registry #${o.registrySequence}`:""}</p>
    </li>`)}</ul>
  </section>`}var At=[{route:"chat",title:"Chat"},{route:"approvals",title:"Approvals"},{route:"sessions",title:"Sessions"},{route:"activity",title:"Activity"},{route:"channels",title:"Channels"},{route:"usage",title:"Usage"},{route:"cron",title:"Jobs"},{route:"mcp",title:"Services"},{route:"skills",title:"Skills"},{route:"security",title:"Security"},{route:"settings",title:"Settings"},{route:"status",title:"Status"}],Et=t=>At.find(e=>`#/${e.route}`===t)?.route??"chat";function un(t){return t.kind==="connected"?"connected":t.kind==="connecting"?t.attempt===0?"connecting\u2026":"reconnecting\u2026":t.kind==="offline"?`offline, retrying in ${Math.ceil(t.retryInMs/1e3)}s`:"not logged in"}function dn(t){if(document.visibilityState!=="hidden"||typeof Notification>"u"||Notification.permission!=="granted")return;let e=new Notification("Warden needs your approval",{body:`${t.tool}: ${t.summary}`,tag:`approval-${t.id}`});e.onclick=()=>{window.focus(),location.hash="#/approvals"}}function pn(){let[t,e]=$({kind:"connecting",attempt:0}),[n,o]=$(Et(location.hash)),[r,s]=$(new Map),[c,a]=$(),[d,p]=$([]),[u,g]=$([]),[_,l]=$(""),[f,m]=$([]),[v,h]=$(),b=()=>w.call("usage.get",{}).then(k=>h(`today ${k.tokens.today.toLocaleString()} tokens \xB7 $${k.costUsd.today.toFixed(4)}`),()=>{}),C=k=>s(S=>new Map(S).set(k.id,k)),w=Ce(()=>tt({onState:e,onEvent:k=>{if(k.event==="approval.requested"){let S=k.payload;C(S),dn(S)}else if(k.event==="approval.resolved")C(k.payload);else if(k.event==="chat.delta"){let{session:S,delta:P}=k.payload;S==="owner-notice"?/^Approval \S+ \(/.test(P)||m(T=>[...T.slice(-2),P.trim()]):l(T=>T+P)}}}),[]),y=t.kind==="connected",E=()=>w.call("chat.history",{}).then(k=>{a(k.session),p(st(k.messages)),b()},()=>{});R(()=>{y&&(E(),w.call("approvals.list",{}).then(k=>s(S=>{let P=new Map([...S].filter(([,T])=>T.status!=="pending"));for(let T of k.approvals)P.set(T.id,T);return P}),()=>{}))},[y]),R(()=>{let k=()=>o(Et(location.hash));return addEventListener("hashchange",k),()=>removeEventListener("hashchange",k)},[]);let L=k=>{let S={kind:"user",text:k,pending:!0};g(P=>[...P,S]),l(""),w.send(k).done.then(P=>{g(T=>T.filter(le=>le!==S)),l(""),P.error&&g(T=>[...T,{kind:"error",text:P.reply}]),E()},P=>g(T=>[...T.filter(le=>le!==S),{kind:"error",text:`Not sent: ${P.message}`}]))},N=(k,S)=>w.call("approvals.resolve",{approvalId:k,decision:S}).then(P=>{C(P)},P=>P.message),H=[...r.values()],I=H.filter(k=>k.status==="pending"&&k.expiresAt>Date.now()).length,J=H.filter(k=>k.sessionKey===c);return i`<div class="shell">
    <header class="top">
      <strong class="brand">Warden</strong>
      <nav>${At.map(k=>i`<a href=${`#/${k.route}`} class=${n===k.route?"active":""} aria-current=${n===k.route?"page":void 0}>
        ${k.title}${k.route==="approvals"&&I>0?i` <span class="badge" aria-label=${`${I} pending`}>${I}</span>`:null}</a>`)}</nav>
      ${v?i`<span class="cost" title="Usage today (UTC)">${v}</span>`:null}
      <span class=${`conn conn-${t.kind}`} role="status">${un(t)}</span>
    </header>
    ${t.kind==="login-needed"||t.kind==="offline"?i`<p class="banner" role="alert">${t.why}</p>`:null}
    ${f.map(k=>i`<p class="banner notice">${k}</p>`)}
    <main>
      ${n==="chat"?i`<${rt} items=${[...d,...u]} streaming=${_} approvals=${J} online=${y} send=${L} answer=${N} />`:null}
      ${n==="approvals"?i`<${ct} approvals=${H} answer=${N} />`:null}
      ${n==="channels"?i`<${ut} connection=${w} online=${y} />`:null}
      ${n==="sessions"?i`<${pt} connection=${w} online=${y} />`:null}
      ${n==="activity"?i`<${bt} connection=${w} online=${y} />`:null}
      ${n==="usage"?i`<${ft} connection=${w} online=${y} />`:null}
      ${n==="mcp"?i`<${St} connection=${w} online=${y} />`:null}
      ${n==="skills"?i`<${xt} connection=${w} online=${y} />`:null}
      ${n==="cron"?i`<${wt} connection=${w} online=${y} />`:null}
      ${n==="security"?i`<${Ct} connection=${w} online=${y} />`:null}
      ${n==="settings"?i`<${vt} connection=${w} online=${y} />`:null}
      ${n==="status"?i`<${dt} connection=${w} online=${y} />`:null}
    </main>
  </div>`}$e(i`<${pn} />`,document.getElementById("app"));"serviceWorker"in navigator&&navigator.serviceWorker.register("/sw.js").catch(()=>{});
