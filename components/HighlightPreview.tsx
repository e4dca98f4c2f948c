import type { HighlightStyle } from '../data/settings';
import type { Category } from '../data/types';

/** Props of a preview sentence; `text` holds a \u0000 where the sample name goes. */
export type HighlightPreviewProps = {
  text: string;
  name: string;
  category: Category;
  style: HighlightStyle;
  on: boolean;
};

/** A sentence with a sample mark styled the way pages show that category (or plain when it is off). */
export function HighlightPreview({ text, name, category, style, on }: HighlightPreviewProps) {
  const [before, after] = text.split('\u0000');
  return (
    <>
      {before}
      <span class="sample-mark" data-category={category} data-style={style} data-on={String(on)}>
        {name}
      </span>
      {after}
    </>
  );
}
