export * from './common.js';
export * from './auth.js';
export * from './expo.js';
export * from './appointments.js';
export * from './organizer.js';
export * from './notifications.js';
export * from './leads.js';
export * from './recordings.js';
