/**
 * A drop zone for files: whether something is being dragged over it (to show it), and the handlers that accept a
 * drop. Host-side only (quiz import, question pictures); dropping is a pointer shortcut next to a file button.
 */
import { type DragEvent, useState } from "react";

export function useDropZone(onFiles: (files: FileList) => void, disabled = false) {
  const [dragging, setDragging] = useState(false);
  const handlers = {
    onDragEnter: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      setDragging(true);
    },
    onDragOver: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (e: DragEvent<HTMLElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      setDragging(false);
      if (!disabled) onFiles(e.dataTransfer.files);
    },
  };
  return { dragging, handlers };
}
