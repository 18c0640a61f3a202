// Names written family name first, as Chinese and Japanese names often are in news: a Chinese one
// with a one-word given name ("Zheng Qinwen", "Lei Jun") whose given name is one or two syllables of
// Hanyu Pinyin, and Japanese ones ("Takahashi Masayo") whose words are romanised syllables; English
// words seldom are either whole.
import { CHINESE_FAMILY_NAMES } from './vocabulary.ts';

const INITIALS = '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?';
const FINALS =
  '(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|ü)';
const SYLLABLE = `${INITIALS}${FINALS}`;
const GIVEN_NAME = new RegExp(`^(?:${SYLLABLE}){1,2}$`, 'u');

/** "Qinwen", "Jun", "Weiren": a capitalised word of one or two pinyin syllables. */
export function isPinyinGivenName(text: string): boolean {
  return /^\p{Lu}\p{Ll}{1,7}$/u.test(text) && GIVEN_NAME.test(text.toLowerCase());
}

/** A Chinese family name and a pinyin given name, as two words. */
export function isChineseNameOrder(familyKey: string, given: string): boolean {
  return CHINESE_FAMILY_NAMES.has(familyKey) && isPinyinGivenName(given);
}

// Hepburn romanisation: syllables of an optional consonant (or "sh", "ch", "ts"), an optional "y" and
// a vowel, or a syllable-closing "n"; long vowels may carry a macron.
const JAPANESE_WORD = /^(?:(?:sh|ch|ts|[kgsztdnhbpmrwfj])?y?[aiueoōū]|n(?![aiueoōūy]))+$/u;

/** "Takahashi", "Shinjiro", "Koizumi": a capitalised word of three or more romanised Japanese syllables' letters. */
export function isJapaneseNameWord(text: string): boolean {
  return /^\p{Lu}\p{Ll}{3,11}$/u.test(text) && JAPANESE_WORD.test(text.toLowerCase());
}
