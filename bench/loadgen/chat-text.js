// Chat texts of a given size for the load generator's `--message-bytes`: sentences of common
// words, names, numbers and punctuation, different from one message to the next, so that they
// compress as chat text does (a single repeated character, or one text sent again and again,
// would flatter permessage-deflate, and context takeover most). Deterministic: the same size
// gives the same texts in every worker and every run.

const WORDS = (
  'the a to and of in is it you that for on was with he she they we be have are this at but not ' +
  'what all were when your can said there use an each which do how their if will up other about ' +
  'out many then them these so some her would make like him into time has look two more write go ' +
  'see number no way could people my than first water been call who oil its now find long down ' +
  'day did get come made may part over new sound take only little work know place year live me ' +
  'back give most very after thing our just name good sentence man think say great where help ' +
  'through much before line right too mean old any same tell boy follow came want show also ' +
  'around form three small set put end does another well large must big even such because turn ' +
  'here why ask went men read need land different home us move try kind hand picture again change ' +
  'off play spell air away animal house point page letter mother answer found study still learn ' +
  'should world high every near add food between own below country plant last school father keep ' +
  'tree never start city earth eye light thought head under story saw left few while along might ' +
  'close something seem next hard open example begin life always those both paper together got ' +
  'group often run important until children side feet car mile night walk white sea began grow ' +
  'took river four carry state once book hear stop without second later miss idea enough eat face ' +
  'watch far really almost let above girl sometimes mountain cut young talk soon list song being ' +
  'leave family meeting deploy build release tomorrow tonight lunch coffee ticket review merge ' +
  'server client bug fix test green red weekend sorry thanks okay sure maybe yes lol'
).split(' ');
const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar'];
const ENDS = ['.', '.', '.', '!', '?', '...', ' :)'];

/** A small seeded generator (xorshift32): the same seed, the same texts. */
function random(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function sentence(next) {
  const words = [];
  const length = 4 + next(12);
  for (let i = 0; i < length; i++) {
    const r = next(20);
    if (r === 0) words.push(`@${NAMES[next(NAMES.length)]}`);
    else if (r === 1) words.push(String(next(2000)));
    else words.push(WORDS[next(WORDS.length)]);
  }
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + ENDS[next(ENDS.length)];
}

/**
 * @param {number} bytes the length of every text (ASCII: bytes = characters)
 * @param {number} count how many different texts (default 256: 512 KB at 2 KB, far more than the
 *   32 KB window a compressor with context takeover can refer back to)
 * @returns {string[]} texts of exactly `bytes` characters, none with a `"` or `\`, so that the
 *   JSON of a packet holds them as they are
 */
export function chatTexts(bytes, count = 256) {
  const texts = [];
  for (let i = 0; i < count; i++) {
    const next = random(0x9e3779b9 ^ (i * 2654435761) ^ bytes);
    let text = '';
    while (text.length < bytes) text += `${sentence(next)} `;
    texts.push(text.slice(0, bytes));
  }
  return texts;
}
