import { createInstrumenter } from '@stryker-mutator/instrumenter';
