// A real OpenID Connect provider standing in for STIL's Unilogin broker in the tests.
// Usage: node provider.mjs PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET
// Accounts: the login name typed on the provider's own login page; "<uniid>" is an
// Elev, "m-<uniid>" a Medarbejder (aktoer_gruppe), as Unilogin sends them.
// PKCE is required (S256 only), as at STIL.
import Provider from "oidc-provider";

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

function account(login) {
  const staff = login.startsWith("m-");
  const uniid = staff ? login.slice(2) : login;
  return {
    accountId: login,
    async claims() {
      return { sub: login, uniid, aktoer_gruppe: staff ? "Medarbejder" : "Elev", unilogin_loa: "EnFaktor" };
    },
  };
}

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri],
              grant_types: ["authorization_code"], response_types: ["code"] }],
  claims: { openid: ["sub", "uniid", "aktoer_gruppe", "unilogin_loa"] },
  findAccount: (ctx, id) => account(id),
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["kodefag-test-only"] },
});
provider.proxy = false;
const server = provider.listen(Number(port), "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
