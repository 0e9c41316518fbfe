/** @jsxImportSource hono/jsx */
// "工钱拿到了吗?": two buttons, on the hire record and on the worker's list.
import { Form, Submit } from "../components/forms.tsx";
import { copy } from "../copy/index.ts";
import { paths } from "../../src/paths.ts";

const h = copy.hires;

export function PaidQuestion({ hireId }: { hireId: number }) {
  return (
    <Form action={paths.hires.paid(hireId)}>
      <p>
        <b>{h.askPaid}</b> {h.askPaidHint}
      </p>
      <Submit name="answer" value="paid">{h.paid}</Submit> <Submit name="answer" value="not_paid" secondary>{h.notPaid}</Submit>
    </Form>
  );
}
