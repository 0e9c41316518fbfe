/** @jsxImportSource hono/jsx */
import { copy } from "../copy/index.ts";
import { chinaDateTime } from "../../src/shared/clock.ts";
import type { Status } from "../../src/ops/status.ts";
import { Item } from "../components/lists.tsx";

const t = copy.ops;

export function StatusPage({ s }: { s: Status }) {
  const b = s.lastBackup;
  const h = s.lastHousekeeping;
  const r = s.retention;
  return (
    <>
      <h1>{t.statusTitle}</h1>
      <p class="muted">{t.statusIntro}</p>
      <h2>{t.healthTitle}</h2>
      {s.health.ok ? (
        <p>{t.healthOk}</p>
      ) : (
        <div class="notice warn">
          <p>{t.healthBad}</p>
          <ul>
            {s.health.problems.map((p) => (
              <li>
                {p.reason} <code>{p.code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {s.backupStale && <p class="notice warn">{t.backupStale}</p>}
      {s.disk?.low && !s.health.problems.some((p) => p.code === "disk_low") && <p class="notice warn">{t.diskLow}</p>}
      {s.smsCodes.state !== "ok" && (
        <p class="notice warn" role="alert">
          {s.smsCodes.state === "exhausted" ? copy.phone.statusExhausted : copy.phone.statusWarning}
        </p>
      )}
      <dl class="facts">
        <Item label={t.version}>{s.version}</Item>
        <Item label={t.uptime}>{t.uptimeValue(s.uptimeMs)}</Item>
        <Item label={t.migrations}>{t.migrationsValue(s.migrations.count, s.migrations.latest)}</Item>
        <Item label={t.dbSize}>{s.dbBytes === null ? t.remoteDb : t.bytes(s.dbBytes)}</Item>
        {s.walBytes !== null && <Item label={t.walSize}>{t.bytes(s.walBytes)}</Item>}
        <Item label={t.disk}>{s.disk ? t.bytes(s.disk.freeBytes) : t.diskUnknown}</Item>
        <Item label={t.lastBackup}>{b ? t.backupValue(chinaDateTime(b.at), b.file, b.bytes) : t.noBackup}</Item>
        <Item label={t.lastHousekeeping}>{h ? t.housekeepingValue(chinaDateTime(h.at), h.postingsCleared, h.workersForgotten, h.smsDeleted) : t.noHousekeeping}</Item>
        <Item label={t.retention}>{t.retentionValue(r.postingContactDays, r.workerDays, r.smsDays)}</Item>
        <Item label={copy.phone.statusTitle}>{copy.phone.statusLine(s.smsCodes.sentToday, s.smsCodes.budget)}</Item>
        <Item label={t.pendingSms}>{t.pendingSmsValue(s.pendingSms)}</Item>
      </dl>
      <h2>{t.recentErrors}</h2>
      {s.recentErrors.length === 0 ? (
        <p>{t.noRecentErrors}</p>
      ) : (
        <ul>
          {s.recentErrors.slice(0, 10).map((e) => (
            <li>{t.recentErrorValue(chinaDateTime(e.at), e.msg, e.req, e.error)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
