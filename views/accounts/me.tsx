/** @jsxImportSource hono/jsx */
import type { CurrentUser } from "../../src/shared/context.ts";
import { Tel } from "../components/bits.tsx";
import { copy } from "../copy/index.ts";
import { Item, LinkList } from "../components/lists.tsx";

const t = copy.accounts;

export function MePage({ user, county, links }: { user: CurrentUser; county: string; links: [string, string][] }) {
  return (
    <>
      <h1>{t.meTitle}</h1>
      <dl class="facts">
        <Item label={t.name}>{user.name}</Item>
        <Item label={t.phone}>
          <Tel phone={user.phone} />
        </Item>
        <Item label={t.role}>{t.roles[user.role]}</Item>
        {county && <Item label={t.county}>{county}</Item>}
      </dl>
      {links.length > 0 && (
        <LinkList links={links} />
      )}
    </>
  );
}
