/** @jsxImportSource hono/jsx */
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

export function ErrorPage({ title, body, errorId }: { title: string; body: string; errorId?: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{body}</p>
      {errorId && <p class="muted">{copy.errors.errorId(errorId)}</p>}
      <p>
        <a href={paths.home}>{copy.errors.goHome}</a>
      </p>
    </>
  );
}
