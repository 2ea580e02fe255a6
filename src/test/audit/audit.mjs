// Runs the GraphQL over HTTP specification's server audits (graphql-http) against a running service and prints one
// line per audit: its status (ok, notice, warn, error), its id and name, and why it failed. Exits 1 if any audit
// fails with "error" (a MUST the service breaks), 0 otherwise. Usage: node audit.mjs http://127.0.0.1:8080/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}
let mustFailed = 0;
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  const reason = result.status === 'ok' ? '' : ` -- ${result.reason}`;
  console.log(`${result.status}\t${result.id}\t${result.name}${reason}`);
  if (result.status === 'error') {
    mustFailed++;
  }
}
process.exit(mustFailed > 0 ? 1 : 0);
