import dataset from 'virtual:backstory/dataset';
import { render } from 'preact';
import { OptionsApp } from './App';
import '../../components/theme.css';
import './style.css';

render(
  <OptionsApp entities={dataset.entities} meta={dataset.meta} />,
  document.getElementById('app') as HTMLElement,
);
