// Warden WebChat. The token comes only from the URL fragment (never the query string, never sent to a server
// as part of a URL), is kept in sessionStorage, and is sent only to this page's own origin. There is no
// parameter that can point the page at another gateway.
(() => {
  "use strict";
  const STORAGE_KEY = "warden.token";
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromFragment = fragment.get("token");
  if (fromFragment) {
    sessionStorage.setItem(STORAGE_KEY, fromFragment);
    history.replaceState(null, "", location.pathname);
  }
  const token = sessionStorage.getItem(STORAGE_KEY);
  const log = document.getElementById("log");
  const status = document.getElementById("status");
  const form = document.getElementById("composer");
  const input = document.getElementById("input");
  const setStatus = (text) => { status.textContent = text; };
  const add = (role, text) => {
    const div = document.createElement("div");
    div.className = `msg ${role}`;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  };
  if (!token) {
    setStatus("no token");
    add("error", "Open the link that `warden gateway` printed (it carries the token after #).");
    return;
  }
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${scheme}//${location.host}/ws`);
  let nextId = 1;
  const pending = new Map();
  let streaming = null;
  const request = (method, params) => new Promise((resolve) => {
    const id = String(nextId++);
    pending.set(id, resolve);
    ws.send(JSON.stringify({ type: "req", id, method, params }));
  });
  ws.addEventListener("open", async () => {
    const res = await request("connect", { token, client: "webchat" });
    if (!res.ok) { setStatus("authentication failed"); add("error", res.error.message); return; }
    setStatus("connected");
  });
  ws.addEventListener("close", () => setStatus("disconnected"));
  ws.addEventListener("message", (event) => {
    let frame;
    try { frame = JSON.parse(event.data); } catch { return; }
    if (frame.type === "res") {
      const resolve = pending.get(frame.id);
      pending.delete(frame.id);
      if (resolve) resolve(frame);
    } else if (frame.type === "event" && frame.event === "chat.delta") {
      if (!streaming) streaming = add("assistant", "");
      streaming.textContent += frame.payload.delta;
      log.scrollTop = log.scrollHeight;
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || ws.readyState !== WebSocket.OPEN) return;
    input.value = "";
    add("user", text);
    streaming = null;
    const res = await request("chat.send", { text });
    const bubble = streaming ?? add("assistant", "");
    if (!res.ok) { bubble.className = "msg error"; bubble.textContent = res.error.message; }
    else if (res.payload.error) { bubble.className = "msg error"; bubble.textContent = res.payload.reply; }
    else bubble.textContent = res.payload.reply;
    streaming = null;
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
})();
