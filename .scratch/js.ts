import { z } from "zod";
import { configSchema } from "../src/config/schema.ts";
const s = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
const t = JSON.stringify(s);
console.log(t.length);
console.log(JSON.stringify((s as any).properties.gateway.properties.auth, null, 1).slice(0, 1500));
console.log(JSON.stringify((s as any).properties.channels.properties.telegram, null, 0).slice(0, 1500));
