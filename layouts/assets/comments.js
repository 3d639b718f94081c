// Optional enhancement: sends the comment form as JSON and answers in place, without leaving the
// page. Without this script (or if it fails) the form posts normally and the server answers.
const form = document.querySelector("form.comment-form");
const notice = document.getElementById("binh-luan-da-gui");

function clearErrors() {
  for (const node of form.querySelectorAll(".field-error")) node.remove();
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

function showError(name, message) {
  const control = form.elements.namedItem(name);
  const note = document.createElement("small");
  note.className = "field-error";
  note.id = `err-${name}`;
  note.textContent = message;
  if (control instanceof HTMLElement && name !== "slug") {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", note.id);
    control.after(note);
  } else {
    form.prepend(note);
  }
}

if (form && notice && window.fetch) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    clearErrors();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
      });
      const answer = await response.json();
      if (response.ok) {
        form.reset();
        notice.classList.add("is-shown");
        notice.setAttribute("tabindex", "-1");
        notice.focus();
      } else {
        const fields = Object.entries(answer.fields ?? {});
        if (fields.length === 0) showError("form", answer.error);
        for (const [name, message] of fields) showError(name, message);
      }
    } catch {
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
}
