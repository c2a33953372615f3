import { browser } from 'wxt/browser';
import { browserTranslate } from '../../lib/ui/i18n';
import { createStrings, type Strings } from '../../lib/ui/strings';

let cached: Strings | undefined;

/** The UI's words in the browser's language, for the toolbar button and notifications. */
export function uiStrings(): Strings {
  cached ??= createStrings(browserTranslate((key, substitutions) => browser.i18n.getMessage(key, substitutions)));
  return cached;
}

/** A 64 px book on blue: notifications need an icon, and the extension ships none of its own yet. */
export const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAACLklEQVR42u2bz0oCURTG5zlauewNeoKeoBeQWgeuWkbraNkuyFZF0KY2BYFCiAsXElFSCVJKGKmNaWb+odN8lxFqGux6yzuO91w44GLmnO/8ZvyUuXMsa8iaWcpFnIg5kXTCdoJCErarGdoj1qjLbTweooZ/i7g0COfAaMiu9ih3RVSmeZryiJrcvD8E9ztvGwTA/uYJU2Z40sb49eqToRGx3N9KUwHELPcPg6kAkpZh5vfDDC2DmxfBABgAA2AADIABSEax2qXjbIM2Dp9oYf2OZpdvAm8AGqAFmqANGscGwG/phOLXrN/SCsBvXRbbtJ+q0+reoxCs2jDORQ7kQk7ZFTgAFSiqzYYGgHfhNh7kxef/XAyAAWgC0Ol9BA7AT4M2ADuJCh2knylx8ULnhRaV7a40FBUAyI0aqIWaqA0NgQHYPasKAd44ytiUyjXoqvQmBKsCwLnIgVzI6VcLGgL1gGa7T/eVjrgqJ9n6UCiyAIY1ixqohZqoPZEmWGv2KF9+p8ztqxA8aEAWwOB4nIscyIWcoTZBbwPDAIzSLJsgmyCbIJsgmyCbIJsgmyCb4KQ/DxiXCfIDEQbAAPQBmFvJ0+JmSQhOX7fopdUPHAA0QAtyQBs0at0bVIWiAuCvzWrbHJ1fK1Bs+4G2TmtCsCoAnIscyIWcod4d9kLxAtDRLG+PMwAGwAAYgA8A41+VNf5laeNflzd7YML4kRkemuKxOR6c5NFZHp42eHz+EwuZXwMYWyriAAAAAElFTkSuQmCC';
