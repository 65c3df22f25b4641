import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// jsdom has <dialog> and its `open` attribute but not the methods that open and close it as a modal.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}

// Testing Library only cleans up by itself when test globals are on; they are not here.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
  document.title = "trivia-edge";
});
