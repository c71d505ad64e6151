import type { Node } from '@playground/node';

const ITEMS = 30;
const SUBJECTS = ['Council', 'Startup', 'Orchestra', 'Harbour', 'Museum', 'Airline', 'Bakery', 'Observatory'];
const VERBS = ['opens', 'delays', 'wins', 'rebuilds', 'cancels', 'doubles', 'discovers', 'sells'];
const THINGS = [
  'a bridge',
  'the festival',
  'a comet',
  'its archive',
  'a new route',
  'the league',
  'a recipe',
];

// The book's NewsPublisher: it knows the broker and a topic, never its subscribers. [1]
export default function newsPublisher(node: Node) {
  let seq = 0;
  node.state = { published: 0 };

  // [2]
  async function publish(topic: string, news: string) {
    seq += 1;
    for (;;) {
      try {
        await node.rpc('broker', 'publish', { topic, seq, news }, { timeout: 400 });
        break;
      } catch {
        // No publish_ok in 400 ms (lost, or the broker is slow): hand it over again.
      }
    }
    node.state.published = seq;
  }

  async function publishNews(news: string) {
    await publish('news', news);
  }

  // [3]
  const pick = (words: string[]) => words[Math.floor(node.random() * words.length)]!;
  const code = () =>
    Math.floor(node.random() * 36 ** 3)
      .toString(36)
      .padStart(3, '0');
  const headlines = ['Breaking news: New messaging pattern discovered!'];
  while (headlines.length < ITEMS) {
    const text = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(THINGS)} (story ${code()})`;
    if (!headlines.includes(text)) headlines.push(text);
  }

  void (async () => {
    await node.sleep(500);
    for (const news of headlines) {
      await publishNews(news);
      await node.sleep(300 + Math.round(node.random() * 200));
    }
    node.log(`published all ${ITEMS} news items`);
  })();
}

/*
[1]
In the book, `publisher.publish_news("Breaking news: ...")` calls `self.publish('news', news)`: the publisher
names a topic, the broker finds the subscribers. This publisher sends to `broker` only; it has no idea who
reads the news, or how many readers there are. That decoupling is the point of the pattern.

[2]
`publish(topic, news)` hands one item to the broker as a `publish` message with the topic, the item's sequence
number (`seq`: 1, 2, 3, ... in publishing order) and the text, and waits for the broker's `publish_ok`. No
answer in 400 ms: it sends the same item (same `seq`) again, until the broker confirms. So the broker may get
an item twice, or late. Only then does it publish the next one: items reach the broker in `seq` order.

[3]
The workload, drawn per seed: 30 headlines (the first is the book's), a few hundred ms apart. You cannot
change this role.
*/
