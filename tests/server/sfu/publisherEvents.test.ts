// What a publisher handle hears while its join is under way. When several people
// join at once (as everyone does after a Janus restart), Janus may announce a
// feed on the new handle before or right after its 'joined' answer, before the
// seat listens; that feed is never announced again, so SfuPublisher keeps it.
// (Janus announces publishers only once their media is up, which never happens
// on loopback: a stand-in handle plays Janus's side here.)
import { EventEmitter } from 'node:events';
import type { PublisherInfo, VideoRoomHandle } from 'janode/plugins/videoroom';
import { expect, it } from 'vitest';
import { SfuPublisher } from '@/server/sfu/publisher';

const JOIN = { room: 'r', pin: 'pin', feed: 'me', display: 'Me' };

/** A janode VideoRoom handle's events and a join that answers when told to. */
function standInHandle() {
  const events = new EventEmitter();
  let answer: (publishers: PublisherInfo[]) => void = () => {};
  const handle = {
    on: (event: string, listener: Parameters<EventEmitter['on']>[1]) => events.on(event, listener),
    joinPublisher: () =>
      new Promise((resolve) => {
        answer = (publishers) => resolve({ room: 'r', feed: 'me', private_id: 7, publishers });
      }),
  };
  return {
    handle: handle as unknown as VideoRoomHandle,
    say: (event: string, data: object) => events.emit(event, data),
    answerJoin: (publishers: PublisherInfo[]) => answer(publishers),
  };
}

const feeds = (publisher: SfuPublisher) => publisher.publishers.map((p) => p.feed).sort();

it('keeps feeds announced before the join answered, and those in its list', async () => {
  const janus = standInHandle();
  const joining = SfuPublisher.join(janus.handle, JOIN);
  janus.say('videoroom_publisher_list', { room: 'r', publishers: [{ feed: 'ann' }] });
  janus.answerJoin([{ feed: 'bob' }, { feed: 'ann' }]);
  const publisher = await joining;
  expect(publisher.privateId).toBe(7);
  expect(feeds(publisher)).toEqual(['ann', 'bob']);
});

it('keeps feeds announced after the join answered, before anyone listens', async () => {
  const janus = standInHandle();
  const joining = SfuPublisher.join(janus.handle, JOIN);
  janus.answerJoin([]);
  // The same turn as the answer: nobody has had the publisher yet.
  janus.say('videoroom_publisher_list', {
    room: 'r',
    publishers: [{ feed: 'cat' }, { feed: 'me' }],
  });
  const publisher = await joining;
  expect(feeds(publisher)).toEqual(['cat']);
  const heard: string[][] = [];
  publisher.on('publishers', (list) => heard.push(list.map((p) => p.feed)));
  janus.say('videoroom_publisher_list', { room: 'r', publishers: [{ feed: 'dan' }] });
  expect(heard).toEqual([['dan']]);
  expect(feeds(publisher)).toEqual(['cat', 'dan']);
});

it('forgets feeds that stop or leave, also when that came before the join list naming them', async () => {
  const janus = standInHandle();
  const joining = SfuPublisher.join(janus.handle, JOIN);
  janus.say('videoroom_leaving', { room: 'r', feed: 'eve' });
  janus.answerJoin([{ feed: 'eve' }, { feed: 'fay' }, { feed: 'gus' }]);
  const publisher = await joining;
  expect(feeds(publisher)).toEqual(['fay', 'gus']);
  const gone: string[] = [];
  publisher.on('unpublished', (feed) => gone.push(`unpublished ${feed}`));
  publisher.on('left', (feed) => gone.push(`left ${feed}`));
  janus.say('videoroom_unpublished', { room: 'r', feed: 'fay' });
  janus.say('videoroom_leaving', { room: 'r', feed: 'gus' });
  expect(gone).toEqual(['unpublished fay', 'left gus']);
  expect(feeds(publisher)).toEqual([]);
});
