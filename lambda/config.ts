// Deployment settings, read once per container from the environment the CDK app sets.
export interface LineConfig {
  /** Apple Support's number, as written ("1-800-275-2273"): shown in chat, read as a phone number by voice. */
  supportPhone: string;
  /** "false" turns agent hand-off off even on the phone line (no queue staffed). */
  agentTransfer: boolean;
}

export function readConfig(env: Record<string, string | undefined> = process.env): LineConfig {
  const phone = env.SUPPORT_PHONE?.trim();
  return {
    supportPhone: phone && /^[0-9A-Za-z +().-]{3,40}$/.test(phone) ? phone : "1-800-275-2273",
    agentTransfer: env.AGENT_TRANSFER !== "false",
  };
}
