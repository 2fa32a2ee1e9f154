import { apiError } from '../test/fake-api';
import { never, withFakeApi } from './with-fake-api';

export default { title: 'Settings/Billing summary', component: 'billing-summary' };

const plan = {
  plan: { name: 'Team', price: '$49', interval: 'month', status: 'active' },
  paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
  nextRenewal: '2026-02-15T12:00:00.000Z',
  manageUrl: 'https://billing.example.com/portal',
};

export const Active = { render: () => withFakeApi('billing-summary', { 'GET /billing': plan }) };
export const ActiveIsoDates = { render: () => withFakeApi('billing-summary', { 'GET /billing': plan }, { preferences: { dateFormat: 'iso' } }) };
export const Trial = { render: () => withFakeApi('billing-summary', { 'GET /billing': { ...plan, plan: { ...plan.plan, status: 'trialing' }, paymentMethod: null } }) };
export const PastDue = { render: () => withFakeApi('billing-summary', { 'GET /billing': { ...plan, plan: { ...plan.plan, status: 'past_due' } } }) };
export const YearlyNoManageLink = { render: () => withFakeApi('billing-summary', { 'GET /billing': { ...plan, plan: { ...plan.plan, price: '$490', interval: 'year' }, manageUrl: null } }) };
export const Dark = { render: () => withFakeApi('billing-summary', { 'GET /billing': plan }, { preferences: { theme: 'dark' } }) };
export const Loading = { render: () => withFakeApi('billing-summary', { 'GET /billing': never }) };
export const LoadError = { render: () => withFakeApi('billing-summary', { 'GET /billing': () => apiError(500, 'internal', 'Something went wrong on our side. Please try again.') }) };
/** No billing on the server: the element hides itself (this story is empty on purpose) and fires sk-billing-unavailable. */
export const Unavailable = {
  render: () => withFakeApi('billing-summary', { 'GET /billing': { available: false } }),
  tags: ['renders-nothing'],
};
