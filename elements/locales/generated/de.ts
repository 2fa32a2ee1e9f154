
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's1dadba91383bc6b3': `Create your account`,
's5e27738a2e8eb763': `Sign in`,
'se724e8e0ccb7f52c': `Display name`,
'sd1f44f1a8bc20e67': `Email`,
'sf6e1665c7022a1f8': `Password`,
's7d846a54bc1f8528': `At least 8 characters. A few unrelated words make a strong password.`,
'scd5d9be68d895f56': `Please wait…`,
's0c97387dc725a9e2': `Create account`,
's205b3e04ad286caa': `Already have an account?`,
'sf35152edc71fda26': `New here?`,
'sc84410561a2a8073': `Create an account`,
's9fa4cddf211b5890': `Too many failed attempts. You can try again in`,
's528b2abefd8d4556': `Enter your email address.`,
's13eccbdced4e8809': `Enter your password.`,
's2ceb11be2290bb1b': `Cancel`,
'sb061ff5a347a296e': `Profile`,
's01a8d45397ec133b': `Security`,
'sc7217615ef254110': `Contacts`,
'sbd637b12b1dca20d': `Notifications &amp; Privacy`,
's54f4a1a0751d6034': `Connected accounts`,
's2b5047d39b9baf3d': `Preferences`,
's622421be65bb31bc': `Billing`,
'saae1c70e168b45b4': `Admin`,
's14b32c4ef585b9c7': `Loading your settings…`,
'scd1dd6ff53d0d01a': `Try again`,
's7cfe12cd14df9950': `Sign out`,
's31ecdcdbadf4ad34': `Settings sections`,
's9cea81f74913fa30': str`The ${0} element is not loaded on this page.`,
's838b97ac07fc3c77': `Discard unsaved changes?`,
'sd6e1d7680c905b90': `You have changes on this tab that are not saved yet.`,
'sf471ec2496f904cc': `Discard changes`,
    };
  