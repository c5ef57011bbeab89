// Parley's server-side link to Janus VideoRoom (the SFU for rooms past mesh size), over janode.
export { JanusSfu, type JanusSfuOptions, type SfuSeat } from './sfu';
export { JanusLink, type JanusLinkEvents, type JanusLinkOptions } from './link';
export { SfuParticipant } from './participant';
export { SfuPublisher, type SfuPublisherEvents } from './publisher';
export { SfuSubscriber, type SfuSubscriberEvents, type SubscriberOffer } from './subscriber';
export { SfuError, type SfuErrorCode } from './errors';
export { roomCredentials, type RoomCredentials } from './secrets';
export type { Jsep, PublisherInfo, SubscriptionStream } from 'janode/plugins/videoroom';
