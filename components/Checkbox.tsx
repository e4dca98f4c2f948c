/** Props of a labelled checkbox. */
export type CheckboxProps = {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
};

/** A checkbox inside its label, the one form the popup and the options page share. */
export function Checkbox(p: CheckboxProps) {
  return (
    <label>
      <input
        type="checkbox"
        name={p.name}
        checked={p.checked}
        onChange={(e) => p.onChange(e.currentTarget.checked)}
      />{' '}
      {p.label}
    </label>
  );
}
