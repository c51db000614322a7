// Memory probe for docs/truenorth.md §1.3 (not part of the build).
// Dependent random reads (pointer chase) over an M MB buffer: latency per read.
// gcc -O2 lat.c -o lat && ./lat <MB> <madvise huge pages 0|1>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/mman.h>
#include <stdint.h>
int main(int argc,char**argv){
  size_t mb=atoi(argv[1]); int huge=atoi(argv[2]);
  size_t n=mb*1024*1024/64;
  char*buf=aligned_alloc(1<<21, n*64);
  if(huge) madvise(buf,n*64,MADV_HUGEPAGE);
  size_t*perm=malloc(n*sizeof(size_t));
  for(size_t i=0;i<n;i++)perm[i]=i;
  srand(1);
  for(size_t i=n-1;i>0;i--){size_t k=((size_t)rand()*RAND_MAX+rand())%(i+1);size_t t=perm[i];perm[i]=perm[k];perm[k]=t;}
  for(size_t i=0;i<n;i++) *(char**)(buf+perm[i]*64)=buf+perm[(i+1)%n]*64;
  char*p=buf; struct timespec a,b; size_t steps=5000000;
  clock_gettime(CLOCK_MONOTONIC,&a);
  for(size_t i=0;i<steps;i++) p=*(char**)p;
  clock_gettime(CLOCK_MONOTONIC,&b);
  printf("%zu MB huge=%d: %.1f ns/load (%p)\n",mb,huge,((b.tv_sec-a.tv_sec)*1e9+(b.tv_nsec-a.tv_nsec))/steps,p);
}
