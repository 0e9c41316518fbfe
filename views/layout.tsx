/** @jsxImportSource hono/jsx */
// The page shell: language, skip link, site name, a numbered menu with access
// keys 1–9, the flash message, the footer with the hotline. The 大字 (large
// text) mode is a class set from a cookie, so it needs no JavaScript.
//
// Content first: on a 240×320 phone the nine-item menu filled the first 1½
// screens, so the page's own content now comes right after a one-line header
// (site name, one 菜单 link to the menu, and for a signed-in person a link to
// her own page), and the full menu follows the content. The number keys
// (accesskey 1–9) reach its items wherever it stands.
import type { Child } from "hono/jsx";
import { jsxRenderer, useRequestContext } from "hono/jsx-renderer";
import { raw } from "hono/html";
import { asset } from "../src/shared/static.ts";
import { takeFlash } from "../src/shared/flash.ts";
import type { AppEnv } from "../src/shared/context.ts";
import { isStaff } from "../src/shared/authz.ts";
import { paths } from "../src/paths.ts";
import { copy } from "./copy/index.ts";
import { Tel } from "./components/bits.tsx";
import { hireItem } from "./components/hire-link.ts";

declare module "hono" {
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>;
  }
}

export interface PageProps {
  title: string;
  /** Print views: a bare page with the print stylesheet for the screen too. */
  bare?: boolean;
}

const t = copy.common;

function Menu() {
  const c = useRequestContext<AppEnv>();
  const user = c.var.user;
  const items: [string, string][] = [
    [paths.jobs.list, t.nav.jobs],
    hireItem(user),
    [paths.workers.list, t.nav.workers],
    [paths.markets.list, t.nav.markets],
    [paths.training.list, t.nav.training],
    [paths.policy.list, t.nav.policy],
    [paths.hotline.home, t.nav.hotline],
    isStaff(user) ? [paths.desk.home, t.nav.desk] : user ? [paths.accounts.me, t.nav.me] : [paths.accounts.login, t.nav.login],
  ];
  const here = c.req.path;
  const back = encodeURIComponent(here);
  return (
    <nav id="menu" class="menu-nav" aria-label={t.menu} tabindex={-1}>
      <ol class="menu">
        {items.map(([href, label], i) => (
          <li>
            <a href={href} accesskey={String(i + 1)} aria-current={here === href ? "page" : undefined}>
              <span class="k" aria-hidden="true">{i + 1}</span>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href={`${paths.textSize}?big=${c.var.big ? 0 : 1}&back=${back}`} accesskey="9">
            <span class="k" aria-hidden="true">9</span>
            {c.var.big ? t.normalText : t.bigText}
          </a>
        </li>
      </ol>
    </nav>
  );
}

function Shell({ children, title, bare }: PageProps & { children?: Child }) {
  const c = useRequestContext<AppEnv>();
  const { config } = c.var.deps;
  const user = c.var.user;
  const message = takeFlash(c);
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="zh-CN" class={c.var.big ? "big" : undefined}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} - ${config.siteName}`}</title>
          <link rel="stylesheet" href={asset("app.css")} />
          <link rel="stylesheet" href={asset("print.css")} media={bare ? undefined : "print"} />
          <meta name="htmx-config" content='{"includeIndicatorStyles":false,"historyCacheSize":0,"allowEval":false,"allowScriptTags":false}' />
          <script src={asset("htmx.min.js")} defer></script>
        </head>
        <body>
          <a class="skip" href="#main">{t.skip}</a>
          {!bare && (
            <header>
              <div class="bar">
                <a class="site" href={paths.home}>{config.siteName}</a>
                <a class="to-menu" href="#menu" accesskey="0">{t.menuLink}</a>
              </div>
              {user && (
                <form class="who" method="post" action={paths.accounts.logout}>
                  <input type="hidden" name="_csrf" value={c.var.csrfToken} />
                  {t.hello}
                  <a href={paths.accounts.me}>{isStaff(user) ? t.myWorkbench(user.name) : t.myAccount(user.name)}</a>{" "}
                  <button type="submit" class="link">{isStaff(user) ? t.switchUser : t.logout}</button>
                </form>
              )}
            </header>
          )}
          <main id="main" tabindex={-1}>
            {message && <p class="flash" role="status">{message}</p>}
            {children}
          </main>
          {!bare && <Menu />}
          {!bare && (
            <footer>
              <p>
                {t.hotline}: <Tel phone={config.hotline} />
              </p>
              <p>{t.footerNote}</p>
              <p>
                <a href={paths.accounts.privacy}>{t.privacyLink}</a>
              </p>
              <p>{t.free}</p>
            </footer>
          )}
        </body>
      </html>
    </>
  );
}

export const layout = () =>
  jsxRenderer(({ children, title, bare }) => <Shell title={title} bare={bare}>{children}</Shell>, {
    docType: false,
  });
