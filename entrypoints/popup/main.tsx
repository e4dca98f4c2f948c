import dataset from 'virtual:backstory/dataset';
import { render } from 'preact';
import { App } from './App';
import '../../components/theme.css';
import './style.css';

render(
  <App entities={dataset.entities} search={location.search} hash={location.hash} />,
  document.getElementById('app') as HTMLElement,
);
