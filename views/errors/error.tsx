/** @jsxImportSource hono/jsx */
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

export function ErrorPage({ title, body }: { title: string; body: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href={paths.home}>{copy.errors.goHome}</a>
      </p>
    </>
  );
}
