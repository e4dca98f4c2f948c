import dataset from 'virtual:backstory/dataset';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { loadSettings, repairStoredSettings, watchSettings } from '../../data/settings-storage';
import { startBackground } from './service';

export default defineBackground(() =>
  startBackground({
    api: browser,
    entities: dataset.entities,
    loadSettings,
    watchSettings,
    repairStoredSettings,
  }),
);
