// Draws the case audit results as stacked bars (Chart.js, loaded before this module as
// window.Chart): the share of audits at each grade, by team and by month. The same counts
// are in the tables on the page, so nothing here is the only way to read them.
const source = document.getElementById('audit-charts')
const Chart = window.Chart

// One colour per grade, each at least 3:1 against white (WCAG 1.4.11), ordered outstanding,
// good, requires improvement, inadequate.
const GRADE_COLOURS = ['#00703c', '#1d70b8', '#6f4e00', '#d4351c']

if (source && Chart) {
  Chart.defaults.font.family = window.getComputedStyle(document.querySelector('.govuk-body') || document.body).fontFamily
  Chart.defaults.font.size = 14
  Chart.defaults.color = '#0b0c0c'
  for (const chart of JSON.parse(source.textContent)) {
    const holder = document.querySelector(`[data-chart="${chart.code}"]`)
    const canvas = document.getElementById(`chart-${chart.code}`)
    if (!holder || !canvas) continue
    holder.style.position = 'relative'
    holder.style.height = `${Math.max(12, 3 + chart.labels.length * 2.5)}rem`
    holder.style.marginBottom = '1.5rem'
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map((set, i) => ({
          label: set.label,
          data: set.percent,
          counts: set.counts,
          backgroundColor: GRADE_COLOURS[i % GRADE_COLOURS.length],
          borderColor: '#ffffff',
          borderWidth: 1
        }))
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, max: 100, ticks: { callback: (value) => `${value}%` } },
          y: { stacked: true }
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${item.dataset.counts[item.dataIndex]} (${item.raw}%)`
            }
          }
        }
      }
    })
  }
}
