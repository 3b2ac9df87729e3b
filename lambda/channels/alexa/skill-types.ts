// The parts of the Alexa skill package format we write (ask-sdk-model covers requests and responses only; the
// package types live in ask-smapi-model, which is not worth a dependency for these few fields).

/** interactionModels/custom/<locale>.json */
export interface InteractionModelFile {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: ModelIntent[];
      types: SlotType[];
    };
  };
}

export interface ModelIntent {
  /** A custom intent's name, or a built-in's (AMAZON.YesIntent ...). */
  name: string;
  slots?: Array<{ name: string; type: string }>;
  samples: string[];
}

/** A custom slot type: the values Alexa biases its recognition to. */
export interface SlotType {
  name: string;
  values: Array<{ name: { value: string } }>;
}

/** skill.json */
export interface SkillManifestFile {
  manifest: {
    manifestVersion: "1.0";
    publishingInformation: {
      locales: Record<
        string,
        { name: string; summary: string; description: string; examplePhrases: string[]; keywords: string[] }
      >;
      isAvailableWorldwide: boolean;
      distributionCountries: string[];
      testingInstructions: string;
      category: string;
    };
    privacyAndCompliance: {
      allowsPurchases: boolean;
      usesPersonalInfo: boolean;
      isChildDirected: boolean;
      isExportCompliant: boolean;
      containsAds: boolean;
      locales: Record<string, Record<string, string>>;
    };
    apis: { custom: { endpoint?: { uri: string } } };
  };
}
