/**
 * Each answer slot has a colour AND a shape (and a letter), so nobody depends on telling colours apart.
 * The same slot looks the same on the big screen and on every phone.
 */
import { i18n } from "../i18n";

const SHAPES = ["triangle", "diamond", "circle", "square", "pentagon", "hexagon"] as const;
export type ShapeName = (typeof SHAPES)[number];

export function shapeOf(index: number): ShapeName {
  return SHAPES[index % SHAPES.length] as ShapeName;
}

const shapeNames = i18n("shape", {
  triangle: "Triangle",
  diamond: "Diamond",
  circle: "Circle",
  square: "Square",
  pentagon: "Pentagon",
  hexagon: "Hexagon",
} satisfies Record<ShapeName, string>);

/** The shape's name, for screen readers, in the language on screen. */
export function shapeLabel(index: number): string {
  return shapeNames.get()[shapeOf(index)];
}

const PATHS: Record<ShapeName, string> = {
  triangle: "M12 3 L22 20 H2 Z",
  diamond: "M12 2 L22 12 L12 22 L2 12 Z",
  circle: "M12 2 A10 10 0 1 1 11.99 2 Z",
  square: "M3 3 H21 V21 H3 Z",
  pentagon: "M12 2 L22 9.5 L18 21 H6 L2 9.5 Z",
  hexagon: "M7 3 H17 L22 12 L17 21 H7 L2 12 Z",
};

export function Shape({ index, className }: { index: number; className?: string }) {
  return (
    <svg className={className ?? "shape"} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[shapeOf(index)]} fill="currentColor" />
    </svg>
  );
}

export function letterOf(index: number): string {
  return String.fromCharCode(65 + index);
}
