/**
 * Every kind's words in the editor, in one component ("questionKinds"): names, hints, field labels, undo labels and
 * the problems each kind words better than the schema. A kind module reads them when it renders (getters), so a
 * language switch shows at once.
 */
import { i18n } from "../../../i18n";

export const kindText = i18n("questionKinds", {
  choiceLabel: "Multiple choice",
  choiceHint: "Players pick the one right answer.",
  choiceMarkRight: "Mark the right answer.",
  truefalseLabel: "True or false",
  truefalseHint: "Players decide whether the statement is true.",
  truefalseSay: "Say whether the statement is true or false.",
  truefalseIs: "The statement is",
  true: "True",
  false: "False",
  setTrue: "Set question {n} to true",
  setFalse: "Set question {n} to false",
  multiLabel: "Pick several",
  multiHint: "Players pick every right answer; only the exact set scores.",
  multiMarkOne: "Mark at least one right answer.",
  pollLabel: "Poll",
  pollHint: "Players vote; no right answer, no points.",
  typeLabel: "Type the answer",
  typeHint: "Players type their answer.",
  typeGiveOne: "Give at least one accepted answer.",
  sliderLabel: "Slider",
  sliderHint: "Players pick a number on a scale; the closer, the more points.",
  orderLabel: "Put in order",
  orderHint: "Players put the items in the right order; only the exact order scores.",
});

/** The choice list (multiple choice, pick several, poll). */
export const choiceText = i18n("choiceList", {
  editChoice: "Edit choice {letter} of question {n}",
  addChoice: "Add a choice to question {n}",
  removeChoiceLabel: "Remove choice {letter} of question {n}",
  markLabel: "Mark the right answer of question {n}",
  hintOne: "Mark the one right answer. Players see them shuffled.",
  hintMany: "Mark every right answer: players score only when they pick exactly these. Players see them shuffled.",
  hintNone: "A poll has no right answer; nobody scores. Players see them shuffled.",
  choices: "Choices",
  choiceName: "Choice {letter} ({shape})",
  placeholder: "Choice {letter}",
  placeholderOptional: "Choice {letter} (optional)",
  right: "Right",
  rightFor: " answer: choice {letter}",
  removeChoice: "Remove choice {letter}",
  add: "Add a choice",
});

/** Typed answers. */
export const acceptedText = i18n("acceptedList", {
  add: "Add an accepted answer to question {n}",
  remove: "Remove an accepted answer of question {n}",
  legend: "Accepted answers",
  hint: "Case, accents, punctuation and a leading “the” or “a” do not matter; list every other spelling you accept.",
  name: "Accepted answer {n}",
  first: "The answer",
  another: "Another spelling",
  edit: "Edit an accepted answer of question {n}",
  removeRow: "Remove accepted answer {n}",
  addSpelling: "Add a spelling",
});

/** Order questions. */
export const orderText = i18n("orderItems", {
  add: "Add an item to question {n}",
  remove: "Remove item {item} of question {n}",
  move: "Move item {item} of question {n} to place {to}",
  legend: "Items, in the right order",
  hint: "First at the top. Players see them shuffled and score only for the exact order.",
  name: "Item {item}",
  first: "The first item",
  placeholder: "Item {item}",
  placeholderOptional: "Item {item} (optional)",
  edit: "Edit item {item} of question {n}",
  up: "Move item {item} up",
  down: "Move item {item} down",
  removeRow: "Remove item {item}",
  addItem: "Add an item",
  atLeast: "Give at least {min} items.",
  atMost: "At most {max} items.",
  same: "Two items are the same (capitals do not count); make each one different.",
  fill: "Fill in this item.",
});

/** Sliders. */
export const sliderText = i18n("sliderFields", {
  min: "Lowest value",
  max: "Highest value",
  step: "Step",
  correct: "Right answer",
  correctPlaceholder: "The number",
  tolerance: "Counts as right within ±",
  unit: "Unit (optional)",
  unitPlaceholder: "km, years, %",
  editMin: "Edit the lowest value of question {n}",
  editMax: "Edit the highest value of question {n}",
  editStep: "Edit the step of question {n}",
  editCorrect: "Edit the right answer of question {n}",
  editTolerance: "Edit the tolerance of question {n}",
  editUnit: "Edit the unit of question {n}",
  legend: "The slider",
  hintSpec:
    "Players pick from {min} to {max}. Full points within ±{tolerance} of {correct}; beyond that, fewer the further off, none from ±{none} (a tenth of the range further).",
  hintGeneral:
    "Players pick a number on the slider. Full points within the tolerance; beyond it, fewer the further off, none a tenth of the range further. At most {steps} steps.",
  share: "A number from {min} to {max}",
  shareRight: " — right: {value}",
  shareTolerance: " (± {tolerance})",
  giveRight: "Give the right answer.",
  giveMin: "Give the lowest value.",
  giveMax: "Give the highest value.",
  giveStep: "Give the step.",
  giveTolerance: "Give the tolerance.",
  giveUnit: "Give the unit.",
  useNumber: "Use a number, like 12 or 2.5.",
  stepAboveZero: "The step must be more than 0.",
  toleranceNotNegative: "The tolerance cannot be below 0.",
  unitLength: "At most {max} characters.",
  range: "Use a number from −{max} to {max}.",
});
