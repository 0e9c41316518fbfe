/** @jsxImportSource hono/jsx */
import type { CurrentUser } from "../../src/shared/context.ts";
import { Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";

const t = copy.accounts;

export function MePage({ user, county, links }: { user: CurrentUser; county: string; links: [string, string][] }) {
  return (
    <>
      <h1>{t.meTitle}</h1>
      <dl class="facts">
        <dt>{t.name}</dt>
        <dd>{user.name}</dd>
        <dt>{t.phone}</dt>
        <dd>
          <Tel phone={user.phone} />
        </dd>
        <dt>{t.role}</dt>
        <dd>{t.roles[user.role]}</dd>
        {county && (
          <>
            <dt>{t.county}</dt>
            <dd>{county}</dd>
          </>
        )}
      </dl>
      {links.length > 0 && (
        <ul class="actions">
          {links.map(([href, label]) => (
            <li>
              <a href={href}>{label}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
