// English number words, for reading numbers a caller says ("forty eight point two") and for spelling numbers out
// where digits can't be written (Alexa's sample utterances).

/** 0 to 19, each at its own value. */
export const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
/** The tens from twenty, at index n for n * 10 (0 and 1 empty). */
export const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
