import type { Deps } from '../../context';
import type { ContactDelivery } from '../delivery/delivery.service';
import type { Transports } from '../delivery/delivery.transports';
import { ringcentralConfig, withRingCentral } from '../ringcentral/ringcentral.service';
import { twilioFor } from '../twilio-settings/twilio-settings.service';

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const twiml = (speech: string) => `<Response><Say voice="alice">${escapeXml(speech)}</Say><Pause length="1"/><Say voice="alice">${escapeXml(speech)}</Say></Response>`;

/**
 * Sends a queued contact message through the contact's own provider (run by the delivery worker):
 * Twilio (SMS, WhatsApp, a call with inline TwiML), RingCentral (SMS or RingOut with the user's
 * registered tokens), Mailgun (the app's mail provider). Twilio without credentials goes to the
 * outbox outside production; in production there is no outbox and the delivery fails.
 */
export async function sendToContact(deps: Deps, transports: Transports, delivery: ContactDelivery): Promise<{ id: string }> {
  const { contact } = delivery;
  const to = contact.value;
  if (contact.provider === 'ringcentral') {
    const ringOut = contact.channel === 'call' && delivery.purpose === 'test';
    const sent = await withRingCentral(deps, contact.id, (rc, tokens, onRefresh) =>
      ringOut ? rc.ringOut(tokens, { from: to, to, playPrompt: true }, onRefresh) : rc.sendSms(tokens, { from: to, to, text: delivery.text }, onRefresh),
    );
    // The demo's RingCentral is a local sandbox: keep a copy in the outbox so the code can be read there.
    if (ringcentralConfig(deps)?.sandbox && transports.outbox) {
      const body = ringOut ? `[RingCentral sandbox] RingOut call from ${to} to ${to}` : `[RingCentral sandbox] ${delivery.text}`;
      await transports.outbox.copy(ringOut ? 'call' : 'sms', to, body, { provider: 'ringcentral', sandbox: true });
    }
    return sent;
  }
  if (contact.provider === 'mailgun') return transports.mail.send({ to, subject: delivery.subject, text: delivery.text, category: 'security' });
  const twilio = await twilioFor(deps);
  if (contact.channel === 'call') {
    if (twilio) return twilio.call(to, twiml(delivery.speech));
    return transports.requireOutbox('sms').call(to, delivery.speech);
  }
  const message = { to, body: delivery.text, channel: contact.channel === 'whatsapp' ? ('whatsapp' as const) : ('sms' as const) };
  return twilio ? twilio.send(message) : transports.requireOutbox('sms').send(message);
}
