#!/usr/bin/env python3
# CPU shares by area from `perf script` output of the IdP server (bench/results/2026-11-26T2300Z-signin-cpu-profile.md).
#   perf script -i perf.data > perf.txt && python3 bench/profile/perf-areas.py perf.txt
# OpenSSL and libc have no frame pointers, so stacks stop at their leaf: a password hash is recognised as a run of 20 or
# more consecutive native-only samples (libcrypto or libc leaf, no managed frame) on one thread; a PBKDF2 verification
# is ~270 ms of one thread, an RSA signature ~0.5 ms, so nothing else makes such runs. Every other sample goes to the
# area of its leaf-most frame that matches an area ("leaf-most"), and to every area with a frame on its stack
# ("inclusive", overlapping). Not used by bench/run.sh; needs python3.
import re,sys,collections
path=sys.argv[1]
samples=[]
for block in open(path,errors='replace').read().split('\n\n'):
    L=[l for l in block.split('\n') if l.strip()]
    if not L: continue
    m=re.match(r'(.+?)\s+(\d+)\s+([0-9.]+):',L[0])
    if not m: continue
    frames=[]
    for l in L[1:]:
        fm=re.match(r'\s+([0-9a-f]+)\s+(.*)\s+\(([^()]*(?:\([^()]*\))?[^()]*)\)\s*$',l)
        if fm: frames.append((fm.group(2),fm.group(3)))
    samples.append({'comm':m.group(1).strip(),'tid':int(m.group(2)),'t':float(m.group(3)),'frames':frames})
N=len(samples)
def native_only(s):
    return all(not d.startswith('/tmp/perf-') for _,d in s['frames'])
def leafdso(s):
    return s['frames'][0][1] if s['frames'] else ''
# hash runs: per thread, consecutive native-only samples whose leaf is libcrypto or libc, gap <= 3 ms; run >= 20 samples
byt=collections.defaultdict(list)
for i,s in enumerate(samples): byt[s['tid']].append(i)
hashset=set()
for tid,idx in byt.items():
    idx.sort(key=lambda i: samples[i]['t'])
    run=[]
    def flush():
        if len(run)>=20: hashset.update(run)
    last=None
    for i in idx:
        s=samples[i]
        ok=native_only(s) and ('libcrypto' in leafdso(s) or 'libc.so' in leafdso(s))
        if ok:
            run.append(i)
        else:
            flush(); run=[]
        last=s['t']
    flush()
areas=[
 ('PBKDF2 password hash', None),
 ('RSA signing + token creation (JsonWebTokenHandler, IdentityModel)', r'Microsoft\.IdentityModel|System\.IdentityModel|JsonWebTokenHandler|RSA|Rsa[A-Z]|SignatureProvider'),
 ('Razor rendering (pages, tag helpers, views)', r'Microsoft\.AspNetCore\.Mvc\.Razor|Microsoft\.AspNetCore\.Mvc\.ViewFeatures|Microsoft\.AspNetCore\.Razor|AspNetCoreGeneratedDocument|TagHelper'),
 ('Antiforgery, data protection, cookie tickets', r'Antiforgery|DataProtection|TicketDataFormat|SecureDataFormat|TicketSerializer|Authentication\.Cookies'),
 ('EF Core + Npgsql', r'Microsoft\.EntityFrameworkCore|Npgsql'),
 ('OpenIddict', r'OpenIddict'),
 ('our code (IdP.Server, IdP.Core)', r'\[IdP\.(Server|Core)\]'),
 ('ASP.NET Core MVC/routing/model binding', r'Microsoft\.AspNetCore\.Mvc|Microsoft\.AspNetCore\.Routing'),
 ('Kestrel, sockets, HTTP', r'Kestrel|System\.Net\.|System\.IO\.Pipelines'),
 ('logging', r'Microsoft\.Extensions\.Logging'),
 ('System.Text.Json', r'System\.Text\.Json'),
]
incl=collections.Counter(); leafmost=collections.Counter()
for i,s in enumerate(samples):
    if i in hashset:
        incl[areas[0][0]]+=1; leafmost[areas[0][0]]+=1; continue
    names=[f for f,_ in s['frames']]
    if any(re.search(r'System\.Diagnostics\.(Tracing|Metrics)',f) for f in names) or s['comm'].startswith(('.NET EventPipe','MetricsEventSou','.NET Counter')):
        leafmost['diagnostics (dotnet-counters attached for 25 s; not part of a sign-in)']+=1; continue
    hit=set()
    for name,pat in areas[1:]:
        if any(re.search(pat,f) for f in names): hit.add(name)
    for h in hit: incl[h]+=1
    # leaf-most: first frame (from the leaf) matching any area
    assigned=None
    for f,d in s['frames']:
        for name,pat in areas[1:]:
            if re.search(pat,f): assigned=name; break
        if assigned: break
    if not assigned:
        ld=leafdso(s)
        if s['comm'].startswith('.NET Server GC') or s['comm'].startswith('.NET BGC'): assigned='GC threads'
        elif native_only(s) and 'libcrypto' in ld: assigned='other native crypto (short runs: RSA, SHA-256, AES/HMAC of data protection)'
        elif native_only(s) and 'libc.so' in ld: assigned='libc (malloc/free/memcpy) outside hash runs'
        elif 'libcoreclr' in ld: assigned='runtime (libcoreclr: allocation, GC on the request thread, stubs; no symbols)'
        elif 'libclrjit' in ld: assigned='JIT'
        elif 'kernel' in ld: assigned='kernel (syscalls, network)'
        elif s['comm'].startswith('.NET EventPipe') or s['comm'].startswith('MetricsEventSou') or s['comm'].startswith('.NET Counter'): assigned='diagnostics (counters attached for 25 s)'
        else: assigned='other managed (BCL, async machinery)'
    leafmost[assigned]+=1
print('samples',N,'hash-run samples',len(hashset))
print('\nINCLUSIVE (sample has a frame in the area; areas overlap)')
for name,_ in areas: print(f'{100*incl[name]/N:6.1f}%  {name}')
print('\nLEAF-MOST AREA (each sample once)')
for k,v in leafmost.most_common(): print(f'{100*v/N:6.1f}%  {v:6d}  {k}')
nh=N-len(hashset)
print('\nNON-HASH only, leaf-most share of non-hash samples')
for k,v in leafmost.most_common():
    if k!=areas[0][0]: print(f'{100*v/nh:6.1f}%  {k}')
# top managed leaf methods in non-hash
top=collections.Counter()
for i,s in enumerate(samples):
    if i in hashset: continue
    for f,d in s['frames']:
        if d.startswith('/tmp/perf-'):
            top[re.sub(r'\(.*','',f)[-110:]]+=1; break
print('\nTOP managed leaf frames (non-hash)')
for k,v in top.most_common(25): print(f'{100*v/nh:5.1f}% {k}')

print('\nEF/Npgsql samples: leaf-most EF/Npgsql frame')
ef=collections.Counter(); caller=collections.Counter(); nh_caller=collections.Counter()
for i,s in enumerate(samples):
    if i in hashset: continue
    names=[f for f,_ in s['frames']]
    idp=next((re.sub(r'\(.*','',f).split('] ')[-1][-90:] for f in names if re.search(r'\[IdP\.(Server|Core)\]',f)),'(no IdP frame)')
    nh_caller[idp]+=1
    e=next((f for f in names if re.search(r'Microsoft\.EntityFrameworkCore|Npgsql',f)),None)
    if e:
        ef[re.sub(r'\(.*','',e).split('] ')[-1][-100:]]+=1
        caller[idp]+=1
for k,v in ef.most_common(12): print(f'{100*v/nh:5.1f}% {k}')
print('\nEF/Npgsql samples by nearest IdP frame')
for k,v in caller.most_common(15): print(f'{100*v/nh:5.1f}% {k}')
print('\nAll non-hash samples by nearest IdP frame')
for k,v in nh_caller.most_common(25): print(f'{100*v/nh:5.1f}% {k}')
