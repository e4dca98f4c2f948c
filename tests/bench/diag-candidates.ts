/** Diagnostic (not part of `npm run bench`): the matcher's first look over the no-mention page, cold and warm, vs. a plain read. */
import { Matcher } from '../../data/matcher';
import { noMentions200k, realEntities } from './pages';

const text = noMentions200k().paragraphs.join('\n');
const m = new Matcher(realEntities());
const time = (f: () => unknown) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const cold = time(() => m.candidates(text));
const warm: number[] = [];
for (let i = 0; i < 10; i++) warm.push(time(() => m.candidates(text)));
let sink = 0;
const read = time(() => {
  for (let i = 0; i < text.length; i++) sink += text.charCodeAt(i);
});
console.log(
  `${text.length} chars: candidates cold ${cold.toFixed(2)} ms, warm min ${Math.min(...warm).toFixed(2)} ms; one charCodeAt pass (cold) ${read.toFixed(2)} ms ${sink > 0 ? '' : ' '}`,
);
