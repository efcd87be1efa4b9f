export { AlarmTopic } from "./alarm-topic";
export type { AlarmTopicOutputs } from "./outputs";
export type { AlarmTopicProps, AlarmTopicSettings } from "./props";
