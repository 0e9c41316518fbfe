/** @jsxImportSource hono/jsx */
// 个人信息怎么保护: what the platform collects, why, who sees it, how long it
// is kept and how to have it deleted — in the words of docs/security.md's
// promises, with the retention periods this instance is configured with.
import { copy } from "../copy/index.ts";
import { Tel } from "../components/bits.tsx";

const t = copy.accounts;

export function PrivacyPage({ retention, hotline }: { retention: { workerDays: number; postingContactDays: number; smsDays: number }; hotline: string }) {
  const parts = t.privacy({ workerDays: t.days(retention.workerDays), postingContactDays: t.days(retention.postingContactDays), smsDays: t.days(retention.smsDays) });
  return (
    <>
      <h1>{t.privacyTitle}</h1>
      <p>{t.privacyIntro}</p>
      {parts.map(([title, text]) => (
        <>
          <h2>{title}</h2>
          <p>{text}</p>
        </>
      ))}
      <p>
        {t.privacyQuestions} <Tel phone={hotline} />
      </p>
    </>
  );
}
