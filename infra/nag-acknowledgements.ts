// Every cdk-nag (AwsSolutions) finding this app accepts, in one place, each on the narrowest construct, naming the
// exact finding, with the reason it is acceptable. Anything not listed here fails the synth.
import { Validations } from "aws-cdk-lib";
import type { VoiceLineStack } from "./voice-line-stack.js";

export function acknowledgeFindings(stack: VoiceLineStack) {
  Validations.of(stack.voiceBot.role).acknowledge({
    id: "AwsSolutions-IAM5[Resource::*]",
    reason:
      "polly:SynthesizeSpeech can only be scoped to Polly lexicons and the bot uses none; Resource * is what " +
      "AWS's own AmazonLexV2BotPolicy grants Lex bots. The role allows no other action.",
  });

  if (stack.progressStore) {
    Validations.of(stack.progressStore.hashSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Not a credential: an HMAC key that turns phone numbers into progress keys. Rotating it would orphan " +
        "every saved place (callers would silently lose resume) while protecting nothing that expires later " +
        "than the 7-day progress TTL. Replace it by hand (delete and redeploy) if it ever leaks.",
    });
  }

  const lookup = stack.phoneLine?.queueLookup;
  if (lookup && stack.phoneLine) {
    Validations.of(lookup).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${stack.phoneLine.instanceArn}/queue/*]`,
      reason:
        "connect:SearchQueues is authorised on the queues it may return; the id of the queue being looked up is " +
        "not known before the lookup. Read-only, one action, limited to this one Connect instance.",
    });
  }
}
