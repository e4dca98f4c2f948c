import dataset from 'virtual:backstory/dataset';
import probeData from 'virtual:backstory/probe';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { Probe } from '../../data/match/probe';
import { loadSettings, repairStoredSettings, watchSettings } from '../../data/settings-storage';
import { startBackground } from './service';

export default defineBackground(() =>
  startBackground({
    api: browser,
    entities: dataset.entities,
    probe: () => new Probe(probeData),
    loadSettings,
    watchSettings,
    repairStoredSettings,
  }),
);
