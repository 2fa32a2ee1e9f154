// What server/main.ts imports while the database opens (see there): the app and what serves it.
export { serve } from '@hono/node-server';
export { Hono } from 'hono';
export { createSettingsApp } from './app';
export { configureFromEnv } from './env';
export { missingProductionProviders } from './features/delivery/delivery.transports';
export { responseHeaders } from './lib/http';
