/** @jsxImportSource hono/jsx */
import { copy } from "../copy/index.ts";
import { chinaDateTime } from "../../src/shared/clock.ts";
import type { Status } from "../../src/ops/status.ts";

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
        <dt>{t.version}</dt>
        <dd>{s.version}</dd>
        <dt>{t.uptime}</dt>
        <dd>{t.uptimeValue(s.uptimeMs)}</dd>
        <dt>{t.migrations}</dt>
        <dd>{t.migrationsValue(s.migrations.count, s.migrations.latest)}</dd>
        <dt>{t.dbSize}</dt>
        <dd>{s.dbBytes === null ? t.remoteDb : t.bytes(s.dbBytes)}</dd>
        {s.walBytes !== null && (
          <>
            <dt>{t.walSize}</dt>
            <dd>{t.bytes(s.walBytes)}</dd>
          </>
        )}
        <dt>{t.disk}</dt>
        <dd>{s.disk ? t.bytes(s.disk.freeBytes) : t.diskUnknown}</dd>
        <dt>{t.lastBackup}</dt>
        <dd>{b ? t.backupValue(chinaDateTime(b.at), b.file, b.bytes) : t.noBackup}</dd>
        <dt>{t.lastHousekeeping}</dt>
        <dd>{h ? t.housekeepingValue(chinaDateTime(h.at), h.postingsCleared, h.workersForgotten, h.smsDeleted) : t.noHousekeeping}</dd>
        <dt>{t.retention}</dt>
        <dd>{t.retentionValue(r.postingContactDays, r.workerDays, r.smsDays)}</dd>
        <dt>{copy.phone.statusTitle}</dt>
        <dd>{copy.phone.statusLine(s.smsCodes.sentToday, s.smsCodes.budget)}</dd>
        <dt>{t.pendingSms}</dt>
        <dd>{t.pendingSmsValue(s.pendingSms)}</dd>
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
