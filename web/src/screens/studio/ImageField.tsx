/**
 * A question's picture: upload one (choose a file, drop it here, or paste it anywhere in the question), or give an
 * https:// address. Uploads go to POST /api/images; the question then refers to `/api/images/<hash>`.
 */
import { useStore } from "@nanostores/react";
import { useId, useState } from "react";
import { fill, i18n } from "../../i18n";
import { imageUrl } from "../../lib/api";
import { useDropZone } from "../../lib/dropZone";
import { describedBy, FieldProblems } from "./fields";
import type { ChangeQuestion } from "./kinds";
import { imageProblem, LibraryError, uploadImage } from "./libraryApi";

const messages = i18n("imageField", {
  addLabel: "Add a picture to question {n}",
  legend: "Picture (optional)",
  alt: "Shown with question {n}",
  removeLabel: "Remove the picture of question {n}",
  remove: "Remove picture",
  dropHint: "Drop a picture here or paste one (Ctrl+V) · PNG, JPEG, WebP or GIF, up to 2 MB",
  uploading: "Uploading…",
  another: "Choose another picture",
  choose: "Choose a picture",
  address: "Or the picture's address",
  changeLabel: "Change the picture of question {n}",
  uploadingPicture: "Uploading the picture…",
});

/** The first picture among pasted or dropped files, if any. */
export function pictureIn(files: FileList | null | undefined): File | null {
  return [...(files ?? [])].find((f) => f.type.startsWith("image/")) ?? null;
}

export function useImageUpload(questionNumber: number, change: ChangeQuestion) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    const problem = imageProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const image = await uploadImage(file);
      change({ image: image.url }, { label: fill(messages.get().addLabel, { n: questionNumber }) });
    } catch (err) {
      setError(err instanceof LibraryError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, upload };
}

export function ImageField({
  image,
  questionNumber,
  change,
  problems,
  fieldId,
  uploader,
}: {
  image: string;
  questionNumber: number;
  change: ChangeQuestion;
  problems: string[];
  fieldId: string;
  uploader: ReturnType<typeof useImageUpload>;
}) {
  const t = useStore(messages);
  const hintId = useId();
  const { busy, error, upload } = uploader;
  const drop = useDropZone((files) => {
    const file = pictureIn(files) ?? files[0];
    if (file) void upload(file);
  }, busy);
  return (
    <fieldset className="studio-image">
      <legend>{t.legend}</legend>
      {image ? (
        <div className="studio-image-current">
          <img src={imageUrl(image)} alt={fill(t.alt, { n: questionNumber })} />
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => change({ image: "" }, { label: fill(t.removeLabel, { n: questionNumber }) })}
          >
            {t.remove}
          </button>
        </div>
      ) : null}
      {/* Dropping is a pointer shortcut; the file button inside is the way for everyone. */}
      <div className={`studio-drop${drop.dragging ? " dragging" : ""}`} {...drop.handlers}>
        <p id={hintId} className="field-hint">
          {t.dropHint}
        </p>
        <label className={`btn btn-ghost btn-small file-pick${busy ? " disabled" : ""}`}>
          {busy ? t.uploading : image ? t.another : t.choose}
          <input
            className="sr-only"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            disabled={busy}
            aria-describedby={hintId}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (file)
                void upload(file).finally(() => {
                  input.value = "";
                });
            }}
          />
        </label>
      </div>
      <div className="studio-field">
        <label htmlFor={fieldId}>{t.address}</label>
        <input
          id={fieldId}
          className="input"
          type="url"
          inputMode="url"
          placeholder="https://…"
          value={image}
          onChange={(e) =>
            change(
              { image: e.target.value },
              { label: fill(t.changeLabel, { n: questionNumber }), key: `${fieldId}:image` },
            )
          }
          {...describedBy(fieldId, problems)}
        />
        <FieldProblems fieldId={fieldId} problems={problems} />
      </div>
      <div role="status" className="studio-upload-status">
        {busy ? t.uploadingPicture : ""}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
