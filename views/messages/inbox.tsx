/** @jsxImportSource hono/jsx */
// 我的消息: newest first, unread ones marked, one button to mark all read.
import { Form, Submit } from "../components/forms.tsx";
import { Pager } from "../components/bits.tsx";
import { chinaDateTime } from "../../src/shared/clock.ts";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";
import { Cards } from "../components/lists.tsx";

const t = copy.messages;

export interface MessageView {
  id: number;
  at: number;
  body: string;
  link: string | null;
  unread: boolean;
}

export function InboxPage({ rows, unread, page, pages }: { rows: MessageView[]; unread: number; page: number; pages: number }) {
  return (
    <>
      <h1>{t.inboxTitle}</h1>
      <p>{t.inboxIntro}</p>
      {unread > 0 && (
        <Form action={paths.messages.readAll}>
          <p>
            <span class="badge warn">{t.unreadCount(unread)}</span> <Submit secondary>{t.markAllRead}</Submit>
          </p>
        </Form>
      )}
      <Cards rows={rows} empty={t.none} card={(m) => (
        <>
          <p class="muted">
            {m.unread && <span class="badge warn">{t.unread}</span>} {chinaDateTime(m.at)}
          </p>
          <p>{m.body}</p>
          {m.link && <a href={m.link}>{t.open}</a>}
        </>
      )} />
      <Pager page={page} pages={pages} href={(n) => `${paths.messages.inbox}?page=${n}`} />
    </>
  );
}
