export { startApp, type AppName, type AppProcess } from './app-process';
export { eventually } from './eventually';
export { freePort } from './free-port';
export { report, testServices, uniqueTestId } from './test-services';
