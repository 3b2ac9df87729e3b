// The synthesized template: the Lambda, the bot and its wiring, permissions, logs, and what the context switches on.
import { Match, type Template } from "aws-cdk-lib/assertions";
import { afterEach, describe, expect, it } from "vitest";
import { type LineSettings, readSettings } from "../../infra/settings.js";
import { readEvent, toHearing } from "../../lambda/channels/lex/request.js";
import { content as speech } from "../../lambda/content/index.js";
import {
  BUILTIN_NAV_INTENTS,
  CUSTOM_NAV_INTENTS,
  FALLBACK_INTENT,
  TOPIC_INTENTS,
} from "../../lambda/content/intents.js";
import { botModel, loadContent } from "../../lambda/content/load.js";
import { readTurn } from "../../lambda/engine/understand/read-turn.js";
import {
  INSTANCE_ARN,
  newApp,
  onlyResource,
  QUEUE_ARN,
  resourceUnder,
  stackWith,
  templateFor,
} from "./helpers.js";

interface LexIntent {
  Name: string;
  ParentIntentSignature?: string;
  SampleUtterances?: { Utterance: string }[];
  DialogCodeHook?: { Enabled: boolean };
  FulfillmentCodeHook?: { Enabled: boolean };
}

// CloudFormation's rule engine is exercised by synth.test.ts; skipping it here keeps a dozen synths fast (each test
// file runs in its own process, so this does not leak).
process.env.CDK_VALIDATION = "false";
const template = templateFor();
const ref = (template: Template, type: string) => Object.keys(template.findResources(type))[0] as string;
const botIntents = (t: Template): LexIntent[] => {
  const locales = onlyResource(t, "AWS::Lex::Bot").Properties.BotLocales as { Intents: LexIntent[] }[];
  expect(locales).toHaveLength(1);
  return (locales[0] as { Intents: LexIntent[] }).Intents;
};

describe("fulfillment Lambda", () => {
  it("runs Node.js 24 on arm64 with a voice-turn timeout and its settings from context", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Timeout: 5,
      Handler: "index.handler",
      Environment: {
        Variables: Match.objectLike({
          SUPPORT_PHONE: "1-800-275-2273",
          AGENT_TRANSFER: "true",
          NODE_OPTIONS: "--enable-source-maps",
        }),
      },
      LoggingConfig: { LogFormat: "JSON", LogGroup: { Ref: Match.stringLikeRegexp("^FulfillmentLogs") } },
    });
  });

  it("takes supportPhone and agentTransfer from context", () => {
    templateFor({ supportPhone: "1 800 555 0100", agentTransfer: "false" }).hasResourceProperties(
      "AWS::Lambda::Function",
      {
        Environment: {
          Variables: Match.objectLike({ SUPPORT_PHONE: "1 800 555 0100", AGENT_TRANSFER: "false" }),
        },
      },
    );
  });

  it("logs to its own log group with a retention period (one per function: Lex and Alexa)", () => {
    template.resourceCountIs("AWS::Logs::LogGroup", 2);
    for (const prefix of ["Fulfillment", "Alexa"]) {
      expect(resourceUnder(template, "AWS::Logs::LogGroup", prefix).Properties.RetentionInDays).toBe(14);
    }
  });

  it("has no AWS managed policy on any role", () => {
    for (const r of Object.values(template.findResources("AWS::IAM::Role"))) {
      expect((r as { Properties: object }).Properties).not.toHaveProperty("ManagedPolicyArns");
    }
  });
});

const lambdaStatements = (t: Template, prefix = "Fulfillment") =>
  (resourceUnder(t, "AWS::IAM::Policy", prefix).Properties.PolicyDocument as { Statement: unknown[] })
    .Statement;
const lexFunction = (t: Template) => resourceUnder(t, "AWS::Lambda::Function", "Fulfillment");
/** An alias's en_US settings when the Lex Lambda is its code hook. */
const lexFunctionAsCodeHook = (t: Template) => [
  {
    LocaleId: "en_US",
    BotAliasLocaleSetting: {
      Enabled: true,
      CodeHookSpecification: {
        LambdaCodeHook: {
          LambdaArn: { "Fn::GetAtt": [lexFunction(t).id, "Arn"] },
          CodeHookInterfaceVersion: "1.0",
        },
      },
    },
  },
];

describe("progress store", () => {
  it("is a DynamoDB table keyed by pk, paid per request, expiring items by expiresAt", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
      SSESpecification: { SSEEnabled: true },
    });
    template.hasResourceProperties("AWS::SecretsManager::Secret", {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it("is given to the Lambda through PROGRESS_TABLE and HASH_SECRET_ARN", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: {
        Variables: Match.objectLike({
          PROGRESS_TABLE: { Ref: ref(template, "AWS::DynamoDB::Table") },
          HASH_SECRET_ARN: { Ref: ref(template, "AWS::SecretsManager::Secret") },
        }),
      },
    });
  });

  it("lets the Lambda write its own logs, get/put/delete single items and read the key: nothing else", () => {
    expect(lambdaStatements(template)).toEqual([
      {
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Effect: "Allow",
        Resource: { "Fn::GetAtt": [resourceUnder(template, "AWS::Logs::LogGroup", "Fulfillment").id, "Arn"] },
      },
      {
        Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
        Effect: "Allow",
        Resource: [{ "Fn::GetAtt": [ref(template, "AWS::DynamoDB::Table"), "Arn"] }],
      },
      {
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Effect: "Allow",
        Resource: { Ref: ref(template, "AWS::SecretsManager::Secret") },
      },
    ]);
  });

  it("is left out with progressStore=false, and the Lambda then only writes its logs", () => {
    const without = templateFor({ progressStore: "false" });
    without.resourceCountIs("AWS::DynamoDB::Table", 0);
    without.resourceCountIs("AWS::SecretsManager::Secret", 0);
    const fn = lexFunction(without).Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(fn.Variables).not.toHaveProperty("PROGRESS_TABLE");
    expect(fn.Variables).not.toHaveProperty("HASH_SECRET_ARN");
    expect(lambdaStatements(without)).toHaveLength(1);
  });
});

describe("Lex bot", () => {
  it("is en_US with a neural voice, the threshold, a 15 minute session and built locales", () => {
    template.hasResourceProperties("AWS::Lex::Bot", {
      IdleSessionTTLInSeconds: 900,
      DataPrivacy: { ChildDirected: false },
      AutoBuildBotLocales: true,
      BotLocales: [
        Match.objectLike({
          LocaleId: "en_US",
          NluConfidenceThreshold: 0.4,
          VoiceSettings: { VoiceId: "Joanna", Engine: "neural" },
        }),
      ],
    });
  });

  it("takes voice and threshold from context", () => {
    templateFor({ voiceId: "Matthew", nluConfidenceThreshold: "0.55" }).hasResourceProperties(
      "AWS::Lex::Bot",
      {
        BotLocales: [
          Match.objectLike({
            NluConfidenceThreshold: 0.55,
            VoiceSettings: { VoiceId: "Matthew", Engine: "neural" },
          }),
        ],
      },
    );
  });

  it("has exactly the intents of the topic table, the navigation words, the built-ins and FallbackIntent", () => {
    const names = botIntents(template).map((i) => i.Name);
    expect(names.sort()).toEqual(
      [
        ...TOPIC_INTENTS,
        ...CUSTOM_NAV_INTENTS,
        ...Object.keys(BUILTIN_NAV_INTENTS),
        ...Object.keys(speech.questions),
        FALLBACK_INTENT,
      ].sort(),
    );
  });

  it("has only intents the Lambda handles: every one but FallbackIntent maps to an engine input", () => {
    for (const intent of botIntents(template)) {
      // One of the intent's own phrases (built-ins carry none in the template: the content's train the local bot).
      const sample = botModel(loadContent()).intents.find((i) => i.name === intent.Name)?.utterances[0];
      const hearing = toHearing(
        readEvent({
          inputMode: "Text",
          // FallbackIntent's: words that mean nothing here (a greeting alone is "are you there?", the question again).
          inputTranscript: sample ?? "purple elephants on the moon",
          sessionState: { intent: { name: intent.Name } },
        }),
      );
      const input = "heard" in hearing ? readTurn(speech, undefined, hearing.heard) : hearing;
      if (intent.Name === FALLBACK_INTENT) expect(input.type, intent.Name).toBe("noMatch");
      else expect(input.type, intent.Name).not.toBe("noMatch");
    }
  });

  it("calls the Lambda on every turn of every intent, built-ins and FallbackIntent included", () => {
    for (const intent of botIntents(template)) {
      expect(intent.DialogCodeHook, intent.Name).toEqual({ Enabled: true });
      expect(intent.FulfillmentCodeHook, intent.Name).toEqual({ Enabled: true });
    }
  });

  it("gives built-ins an AMAZON parent and no sample utterances, and custom intents utterances", () => {
    for (const intent of botIntents(template)) {
      const builtin = intent.Name in BUILTIN_NAV_INTENTS || intent.Name === FALLBACK_INTENT;
      if (builtin) {
        expect(intent.ParentIntentSignature, intent.Name).toMatch(/^AMAZON\.\w+Intent$/);
        expect(intent.SampleUtterances, intent.Name).toBeUndefined();
      } else {
        expect(intent.ParentIntentSignature, intent.Name).toBeUndefined();
        expect(intent.SampleUtterances?.length, intent.Name).toBeGreaterThan(0);
      }
    }
    expect(botIntents(template).find((i) => i.Name === FALLBACK_INTENT)?.ParentIntentSignature).toBe(
      "AMAZON.FallbackIntent",
    );
  });

  it("uses the Lambda on the test alias too", () => {
    template.hasResourceProperties("AWS::Lex::Bot", {
      TestBotAliasSettings: {
        BotAliasLocaleSettings: lexFunctionAsCodeHook(template),
      },
    });
  });

  it("has a role that can only synthesize speech", () => {
    template.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: "lexv2.amazonaws.com" } })],
      },
      Policies: [
        {
          PolicyName: "Speech",
          PolicyDocument: {
            Statement: [{ Action: "polly:SynthesizeSpeech", Effect: "Allow", Resource: "*" }],
            Version: "2012-10-17",
          },
        },
      ],
    });
    const lexRole = Object.values(template.findResources("AWS::IAM::Role")).filter((r) =>
      JSON.stringify(r).includes("lexv2.amazonaws.com"),
    );
    expect(lexRole).toHaveLength(1);
    // The only IAM::Policy in the default stack is the Lambda's own logging policy.
    expect(JSON.stringify(template.findResources("AWS::IAM::Policy"))).not.toContain("BotRole");
  });
});

describe("alias -> version -> Lambda", () => {
  it("publishes a version named by the definition's hash and points the live alias at it", () => {
    const versions = template.findResources("AWS::Lex::BotVersion");
    const [versionId, version] = Object.entries(versions)[0] as [
      string,
      { Properties: Record<string, unknown> },
    ];
    expect(Object.keys(versions)).toHaveLength(1);
    expect(version.Properties.Description).toMatch(/^Bot definition sha256:[0-9a-f]{64}$/);
    const hash = String(version.Properties.Description).slice(-64);
    expect(versionId).toContain(hash.slice(0, 12));
    expect(version.Properties.BotId).toEqual({ "Fn::GetAtt": [ref(template, "AWS::Lex::Bot"), "Id"] });

    template.hasResourceProperties("AWS::Lex::BotAlias", {
      BotAliasName: "live",
      BotId: { "Fn::GetAtt": [ref(template, "AWS::Lex::Bot"), "Id"] },
      BotVersion: { "Fn::GetAtt": [versionId, "BotVersion"] },
      BotAliasLocaleSettings: lexFunctionAsCodeHook(template),
    });
  });

  it("publishes a new version when the bot changes, and keeps it when it doesn't", () => {
    // One content snapshot for all three stacks: prompts/ may be edited while the tests run.
    const content = loadContent();
    const defaults = readSettings(() => undefined);
    const versionId = (settings: LineSettings) => stackWith(settings, content).voiceBot.version.node.id;
    expect(versionId(defaults)).toBe(versionId({ ...defaults }));
    expect(versionId({ ...defaults, voiceId: "Matthew" })).not.toBe(versionId(defaults));
    expect(versionId({ ...defaults, supportPhone: "1 800 555 0100" })).toBe(versionId(defaults));
  });

  it("lets Lex invoke the Lambda only from the live alias and the test alias", () => {
    const permissions = Object.values(template.findResources("AWS::Lambda::Permission")) as {
      Properties: Record<string, unknown>;
    }[];
    expect(permissions).toHaveLength(2);
    for (const p of permissions) {
      expect(p.Properties).toMatchObject({
        Action: "lambda:InvokeFunction",
        Principal: "lexv2.amazonaws.com",
      });
    }
    const sources = permissions.map((p) => p.Properties.SourceArn);
    expect(sources).toContainEqual({ "Fn::GetAtt": [ref(template, "AWS::Lex::BotAlias"), "Arn"] });
    expect(sources).toContainEqual({
      "Fn::Join": [
        "",
        [
          "arn:",
          { Ref: "AWS::Partition" },
          ":lex:",
          { Ref: "AWS::Region" },
          ":",
          { Ref: "AWS::AccountId" },
          ":bot-alias/",
          { "Fn::GetAtt": [ref(template, "AWS::Lex::Bot"), "Id"] },
          "/TSTALIASID",
        ],
      ],
    });
  });
});

describe("conversation logs", () => {
  it("are off by default", () => {
    template.resourceCountIs("AWS::KMS::Key", 0);
    const alias = onlyResource(template, "AWS::Lex::BotAlias");
    expect(alias.Properties).not.toHaveProperty("ConversationLogSettings");
  });

  const withLogs = templateFor({ conversationLogs: "true" });

  it("with conversationLogs=true, go to a KMS-encrypted log group kept a week, key rotated", () => {
    withLogs.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
    withLogs.hasResourceProperties("AWS::Logs::LogGroup", {
      RetentionInDays: 7,
      KmsKeyId: { "Fn::GetAtt": [ref(withLogs, "AWS::KMS::Key"), "Arn"] },
    });
    withLogs.hasResourceProperties("AWS::Lex::BotAlias", {
      ConversationLogSettings: {
        TextLogSettings: [
          {
            Enabled: true,
            Destination: { CloudWatch: { CloudWatchLogGroupArn: Match.anyValue(), LogPrefix: "live/" } },
          },
        ],
      },
    });
  });

  it("with conversationLogs=true, let the bot's role write to that log group only", () => {
    const policies = Object.values(withLogs.findResources("AWS::IAM::Policy")).filter((p) =>
      JSON.stringify(p).includes("BotRole"),
    ) as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }[];
    expect(policies).toHaveLength(1);
    const statements = (policies[0] as (typeof policies)[number]).Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(JSON.stringify(statements[0]?.Resource)).toContain("ConversationLogs");
  });
});

describe("Amazon Connect", () => {
  it("creates nothing for Connect without connectInstanceArn", () => {
    for (const type of ["AWS::Connect::ContactFlow", "AWS::Connect::IntegrationAssociation", "Custom::AWS"]) {
      template.resourceCountIs(type, 0);
    }
  });

  describe.each([
    ["queue looked up by name", { connectInstanceArn: INSTANCE_ARN }],
    ["queue given", { connectInstanceArn: INSTANCE_ARN, connectQueueArn: QUEUE_ARN }],
  ])("with connectInstanceArn (%s)", (title, context) => {
    const connect = templateFor(context);

    it("associates the live alias with the instance", () => {
      connect.hasResourceProperties("AWS::Connect::IntegrationAssociation", {
        InstanceId: INSTANCE_ARN,
        IntegrationType: "LEX_BOT",
        IntegrationArn: { "Fn::GetAtt": [ref(connect, "AWS::Lex::BotAlias"), "Arn"] },
      });
    });

    it("creates the contact flow, pointing at the live alias and the agents' queue", () => {
      connect.hasResourceProperties("AWS::Connect::ContactFlow", {
        InstanceArn: INSTANCE_ARN,
        Type: "CONTACT_FLOW",
        State: "ACTIVE",
      });
      const content = JSON.stringify(onlyResource(connect, "AWS::Connect::ContactFlow").Properties.Content);
      expect(content).toContain(
        JSON.stringify({ "Fn::GetAtt": [ref(connect, "AWS::Lex::BotAlias"), "Arn"] }),
      );
      if (title === "queue given") {
        expect(content).toContain(QUEUE_ARN);
        connect.resourceCountIs("Custom::AWS", 0);
      } else {
        connect.hasResourceProperties("Custom::AWS", {
          Create: Match.stringLikeRegexp('"action":"SearchQueues".*"Value":"BasicQueue"'),
        });
        expect(content).toContain(ref(connect, "Custom::AWS"));
      }
    });

    it("refuses to deploy outside the instance's region", () => {
      expect(JSON.stringify(connect.toJSON().Rules)).toContain('"us-east-1"');
    });
  });

  describe("region", () => {
    const saved = process.env.CDK_DEFAULT_REGION;
    afterEach(() => {
      if (saved === undefined) delete process.env.CDK_DEFAULT_REGION;
      else process.env.CDK_DEFAULT_REGION = saved;
    });

    it("fails the synth when the stack's region is not the instance's", () => {
      process.env.CDK_DEFAULT_REGION = "eu-west-2";
      expect(() => newApp({ connectInstanceArn: INSTANCE_ARN })).toThrow(/us-east-1.*eu-west-2/);
    });
  });
});

describe("deploy ordering and debugging", () => {
  it("creates the contact flow after the bot is attached to the Connect instance", () => {
    const connect = templateFor({ connectInstanceArn: INSTANCE_ARN });
    const flow = resourceUnder(connect, "AWS::Connect::ContactFlow", "PhoneLine");
    const association = resourceUnder(connect, "AWS::Connect::IntegrationAssociation", "PhoneLine");
    expect(connect.toJSON().Resources[flow.id].DependsOn).toContain(association.id);
  });

  it("updates the live alias only after the bot role's policy (conversation logs need it)", () => {
    const withLogs = templateFor({ conversationLogs: "true" });
    const alias = resourceUnder(withLogs, "AWS::Lex::BotAlias", "Bot");
    const policy = resourceUnder(withLogs, "AWS::IAM::Policy", "BotRole");
    expect(withLogs.toJSON().Resources[alias.id].DependsOn).toContain(policy.id);
  });

  it("lets DEBUG lines through Lambda's log filter only when logLevel=DEBUG", () => {
    const fn = (t: Template) => resourceUnder(t, "AWS::Lambda::Function", "Fulfillment").Properties;
    expect(fn(template)).toMatchObject({ LoggingConfig: { ApplicationLogLevel: "INFO" } });
    const debug = fn(templateFor({ logLevel: "DEBUG" }));
    expect(debug).toMatchObject({ LoggingConfig: { ApplicationLogLevel: "DEBUG" } });
    expect((debug.Environment as { Variables: object }).Variables).toMatchObject({ LOG_LEVEL: "DEBUG" });
  });
});

describe("Alexa skill function", () => {
  const skillId = "amzn1.ask.skill.12345678-1234-1234-1234-123456789012";

  it("runs lambda/alexa.ts on the same runtime, with the progress store and no agent hand-off", () => {
    const alexa = resourceUnder(template, "AWS::Lambda::Function", "Alexa").Properties;
    expect(alexa).toMatchObject({
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
    });
    expect((alexa.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      AGENT_TRANSFER: "false",
      PROGRESS_TABLE: { Ref: ref(template, "AWS::DynamoDB::Table") },
    });
    expect(lambdaStatements(template, "Alexa")).toHaveLength(3);
  });

  it("can be invoked only by the skill named in context, through the Alexa Skills Kit trigger", () => {
    expect(
      Object.keys(
        template.findResources("AWS::Lambda::Permission", {
          Properties: { Principal: "alexa-appkit.amazon.com" },
        }),
      ),
    ).toEqual([]);
    const withSkill = templateFor({ alexaSkillId: skillId });
    withSkill.hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      Principal: "alexa-appkit.amazon.com",
      EventSourceToken: skillId,
      FunctionName: { "Fn::GetAtt": [resourceUnder(withSkill, "AWS::Lambda::Function", "Alexa").id, "Arn"] },
    });
    expect(
      (
        resourceUnder(withSkill, "AWS::Lambda::Function", "Alexa").Properties.Environment as {
          Variables: object;
        }
      ).Variables,
    ).toMatchObject({ ALEXA_SKILL_ID: skillId });
  });
});
