import { createApiClient, read } from '../elements/api/client';
import { lastMessageTo, PASSWORD, signOut, signUpFresh } from './element-helpers';

/** A fresh account with two-factor authentication by text message turned on, signed out again (`setupCode` is the code that turned it on). */
export async function smsAccount() {
  const api = createApiClient('/api');
  const account = await signUpFresh();
  const phone = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
  await read(api.security['two-factor'].sms.setup.$post({ json: { password: PASSWORD, phone } }));
  const setupCode = /(\d{6})/.exec((await lastMessageTo(phone))!.body)![1]!;
  await read(api.security['two-factor'].sms.enable.$post({ json: { code: setupCode } }));
  await signOut();
  return { ...account, phone, setupCode };
}
