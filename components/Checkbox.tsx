/** Props of a labelled checkbox. */
export type CheckboxProps = {
  name: string;
  label: string;
  /** A sentence under the label that says what the box does (tied to it with aria-describedby). */
  help?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
};

/** A checkbox inside its label, the one form the popup and the options page share. */
export function Checkbox(p: CheckboxProps) {
  const helpId = p.help ? `${p.name}-help` : undefined;
  return (
    <>
      <label>
        <input
          type="checkbox"
          name={p.name}
          checked={p.checked}
          aria-describedby={helpId}
          onChange={(e) => p.onChange(e.currentTarget.checked)}
        />{' '}
        {p.label}
      </label>
      {p.help && (
        <p class="help" id={helpId}>
          {p.help}
        </p>
      )}
    </>
  );
}
