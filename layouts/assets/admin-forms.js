// The desk's DOM helpers and the forms under each item (edit, newsroom answer, block). Text from
// readers and editors goes in with textContent or .value, never as HTML.

/** Fills `{name}` placeholders of a locale string. */
export const fill = (pattern, values) => pattern.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

/** A new element with a class and text. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A desk button (44 px, see admin.css) that runs `onClick`. */
export function button(label, className, onClick) {
  const node = element("button", `desk-button ${className}`, label);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

function field(labelText, control, id) {
  const wrap = element("p", "desk-field");
  const label = element("label", "", labelText);
  control.id = id;
  label.htmlFor = id;
  wrap.append(label, control);
  return wrap;
}

function control(tag, properties) {
  return Object.assign(element(tag), properties);
}

/** A hidden form of labelled controls with a submit button and Cancel; `send` runs when it is sent. */
function actionForm(className, fields, submit, cancelLabel, send) {
  const form = element("form", `desk-form ${className}`);
  form.hidden = true;
  const actions = element("p", "desk-actions");
  const go = element("button", `desk-button ${submit.className}`, submit.label);
  go.type = "submit";
  actions.append(
    go,
    button(cancelLabel, "", () => (form.hidden = true)),
  );
  form.append(...fields.map(([label, input, id]) => field(label, input, id)), actions);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(form);
  });
  return form;
}

/**
 * The three forms under a comment: edit (name and text), the newsroom's answer, block (kind and
 * days). `act` receives what was sent: act.edit({name, content}), act.reply(text), act.block(kind, days).
 */
export function buildItemForms(comment, d, newsroomName, act) {
  const id = comment.id;
  const name = control("input", { value: comment.name, required: true });
  const content = control("textarea", { value: comment.content, rows: 5, required: true });
  const edit = actionForm(
    "desk-edit",
    [
      [d.name, name, `desk-name-${id}`],
      [d.content, content, `desk-content-${id}`],
    ],
    { label: d.save, className: "desk-primary" },
    d.cancel,
    () => act.edit({ name: name.value, content: content.value }),
  );
  const text = control("textarea", { rows: 4, required: true });
  const reply = actionForm(
    "desk-reply",
    [[fill(d.replyLabel, { newsroom: newsroomName }), text, `desk-reply-${id}`]],
    { label: d.postReply, className: "desk-primary" },
    d.cancel,
    () => act.reply(text.value),
  );
  // The client can be blocked only when its address was known; an email always can.
  const kind = element("select");
  const kinds = comment.clientKnown ? [["client", d.blockClient]] : [];
  for (const [value, label] of [...kinds, ["email", d.blockEmail]]) kind.append(control("option", { value, textContent: label }));
  const days = control("input", { type: "number", min: "1", max: "3650", value: "30", required: true });
  const block = actionForm(
    "desk-block",
    [
      [d.blockWhat, kind, `desk-block-kind-${id}`],
      [d.blockDays, days, `desk-block-days-${id}`],
    ],
    { label: d.blockSubmit, className: "desk-danger" },
    d.cancel,
    (form) => act.block(kind.value, Number(days.value), form),
  );
  return { edit, reply, block };
}
