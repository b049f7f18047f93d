const base = process.env.API_BASE_URL ?? "https://api.example.com";
const token = process.env.API_TOKEN;
if (!token) {
  console.error("set API_TOKEN");
  process.exit(1);
}
const res = await fetch(`${base}/v1/items?limit=20`, { headers: { Authorization: `Bearer ${token}` } });
console.log(JSON.stringify(await res.json(), null, 2));
