// A secret being spoken is stopped; a problem described with the same words is help.
import { describe, expect, it } from "vitest";
import { looksPersonal, redact } from "../../lambda/engine/privacy.js";

describe("secrets and problems", () => {
  it.each([
    "my password is sunshine42",
    "yes, it's sunshine2024",
    "the password for that account is tiger 99",
    "my passcode is 1234",
    "the code is four five six",
    "the code they sent is 482913",
    "my apple id is jane dot doe at gmail dot com",
    "it's bob@example.com",
    "my email is bob smith",
  ])("stops a secret: %s", (text) => expect(looksPersonal(text)).toBe(true));

  it.each([
    "my password is wrong",
    "my password isn't working",
    "my apple id is locked",
    "my apple id got locked",
    "it says my apple id is not recognized",
    "the verification code is not coming through",
    "the password for my account isn't working",
    "my iphone15 won't back up",
    "i have 50gb of storage",
    "is it on 5g",
    "my apple id is my old email",
  ])("helps with a problem: %s", (text) => expect(looksPersonal(text)).toBe(false));

  it.each([
    "the code they texted me was four eight two nine one three",
    "my number's oh seven seven one two three four five six",
  ])("stops a number read out as words: %s", (text) => expect(looksPersonal(text)).toBe(true));

  it("after a question about a password, a run of four digits or digit words is part of one", () => {
    for (const text of [
      "I think it's my dog's name and then one nine eight seven",
      "it's the cat plus 2019",
    ]) {
      expect(looksPersonal(text, { secretAsked: true }), text).toBe(true);
      expect(looksPersonal(text), text).toBe(false);
    }
    // Saying whether they know it is no secret.
    expect(looksPersonal("yes, I know it, it's written down", { secretAsked: true })).toBe(false);
  });

  it("never keeps the secret in what may be logged", () => {
    expect(redact("yes, it's sunshine2024")).not.toContain("sunshine2024");
    expect(redact("the password for that account is tiger 99")).not.toContain("tiger");
  });
});
